// SPDX-License-Identifier: MIT OR Apache-2.0
//
// The invocations of the architecture-independent objects, one file per
// kind, each a set of methods on `Cap<kind>`.

mod cnode;
mod domain;
mod endpoint;
mod irq;
mod notification;
mod tcb;
mod untyped;

pub use cnode::Slot;
pub use endpoint::{reply, FastMessageRegisters};
pub use tcb::yield_now;
