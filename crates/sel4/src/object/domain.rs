// SPDX-License-Identifier: MIT OR Apache-2.0
//
// Scheduling domains: the domain capability moves threads between domains
// and edits the domain schedule.

use crate::invoke::invoke;
use crate::{sys, DomainSet, Result, Tcb};

impl DomainSet {
    /// Moves `thread` into scheduling domain `domain`.
    ///
    /// Corresponds to `seL4_DomainSet_Set`.
    #[inline]
    pub fn set(self, domain: u8, thread: Tcb) -> Result<()> {
        invoke!("DomainSet::set", sys::seL4_DomainSet_Set(self.sys(), domain, thread.sys()))
    }

    /// Sets entry `index` of the domain schedule: run `domain` for `duration` ticks.
    ///
    /// Corresponds to `seL4_DomainSet_ScheduleConfigure`.
    #[inline]
    pub fn schedule_configure(self, index: usize, domain: u8, duration: u64) -> Result<()> {
        invoke!(
            "DomainSet::schedule_configure",
            sys::seL4_DomainSet_ScheduleConfigure(self.sys(), index as sys::seL4_Word, domain, duration)
        )
    }

    /// Makes the schedule start at entry `index`.
    ///
    /// Corresponds to `seL4_DomainSet_ScheduleSetStart`.
    #[inline]
    pub fn schedule_set_start(self, index: usize) -> Result<()> {
        invoke!(
            "DomainSet::schedule_set_start",
            sys::seL4_DomainSet_ScheduleSetStart(self.sys(), index as sys::seL4_Word)
        )
    }
}
