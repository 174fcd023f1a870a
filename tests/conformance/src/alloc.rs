// SPDX-License-Identifier: MIT OR Apache-2.0
//
// Memory and slots for the cases. Each case gets an Env: its own child
// Untyped of CASE_BITS retyped from the biggest RAM untyped, and a cursor
// over the root CNode's free slots. After the case the Pool revokes and
// deletes that untyped (destroying every object the case made), revokes
// the device untypeds it touched, deletes every slot it used and checks
// that all of them are empty again, so the next case starts clean.

use crate::framework::{expect, Outcome, Want};
use crate::invoke::{self, identify};
use sel4_sys::{seL4_CPtr, seL4_CapInitThreadASIDPool, seL4_CapInitThreadCNode, seL4_Word};

/// The root CNode, as a cap pointer and the depth that resolves a slot in it.
pub const ROOT: seL4_CPtr = seL4_CapInitThreadCNode;
/// Depth of a root-CNode slot index (the root CNode's guard takes the rest).
pub const DEPTH: seL4_Word = 64;
/// Size of each case's own untyped: 16 MiB.
pub const CASE_BITS: seL4_Word = 24;

/// A device untyped from the boot info.
#[derive(Clone, Copy, Debug)]
pub struct Device {
    /// Its slot.
    pub cptr: seL4_CPtr,
    /// Its physical address.
    pub paddr: seL4_Word,
    /// log2 of its size.
    pub bits: seL4_Word,
}

/// What the whole run shares: the parent untyped and the free slots.
pub struct Pool {
    parent: seL4_CPtr,
    parent_paddr: seL4_Word,
    first: seL4_CPtr,
    end: seL4_CPtr,
    devices: Vec<Device>,
}

/// One case's resources.
pub struct Env {
    ut_slot: seL4_CPtr,
    ut_made: bool,
    parent: seL4_CPtr,
    /// The physical address of the case's untyped (see [`Env::ut`]).
    pub ut_paddr: seL4_Word,
    next: seL4_CPtr,
    end: seL4_CPtr,
    devices: Vec<Device>,
    used_devices: Vec<seL4_CPtr>,
}

impl Pool {
    /// Finds the biggest RAM untyped and the free slots in the boot info.
    pub fn new() -> Result<Pool, String> {
        let bootinfo = sel4::bootinfo();
        let raw = bootinfo.raw();
        let mut parent: Option<(seL4_CPtr, seL4_Word, seL4_Word)> = None;
        let mut devices = Vec::new();
        for (cptr, desc) in (raw.untyped.start..raw.untyped.end).zip(raw.untypedList.iter()) {
            let (bits, paddr) = (desc.sizeBits as seL4_Word, desc.paddr);
            if desc.isDevice != 0 {
                devices.push(Device { cptr, paddr, bits });
            } else if parent.is_none_or(|(_, _, best)| bits > best) {
                parent = Some((cptr, paddr, bits));
            }
        }
        let (parent, parent_paddr, bits) = parent.ok_or("no RAM untyped in the boot info")?;
        if bits < CASE_BITS + 1 {
            return Err(format!("the biggest RAM untyped has only {bits} bits"));
        }
        // The free slots less those the runtime took for itself.
        let empty = bootinfo.empty();
        let (first, end) = (empty.start as seL4_CPtr, empty.end as seL4_CPtr);
        Ok(Pool { parent, parent_paddr, first, end, devices })
    }

    /// A fresh environment; its untyped is made on first use, so cases
    /// that need no memory run even on a kernel that cannot retype yet.
    pub fn begin(&mut self) -> Result<Env, String> {
        Ok(Env {
            ut_slot: self.first,
            ut_made: false,
            parent: self.parent,
            ut_paddr: self.parent_paddr,
            next: self.first + 1,
            end: self.end,
            devices: self.devices.clone(),
            used_devices: Vec::new(),
        })
    }

    /// Destroys everything the case made and checks its slots are empty.
    pub fn end(&mut self, env: Env) -> Outcome {
        let mut problems = Vec::new();
        let mut note = |what: String, reply: invoke::Reply| {
            if reply.error != 0 {
                problems.push(format!("{what}: {}", crate::framework::show(&reply)));
            }
        };
        if env.ut_made {
            note("revoke the case untyped".into(), invoke::cnode_revoke(ROOT, env.ut_slot, DEPTH));
        }
        for device in &env.used_devices {
            note(format!("revoke device untyped {device:#x}"), invoke::cnode_revoke(ROOT, *device, DEPTH));
        }
        for slot in (self.first..env.next).rev().filter(|s| identify(*s) != 0) {
            note(format!("delete slot {slot:#x}"), invoke::cnode_delete(ROOT, slot, DEPTH));
        }
        let left: Vec<String> =
            (self.first..env.next).filter(|s| identify(*s) != 0).map(|s| format!("{s:#x}")).collect();
        if !left.is_empty() {
            problems.push(format!("slots still hold caps: {}", left.join(" ")));
            // Later cases start past the slots this one could not empty.
            self.first = env.next;
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(problems.join("; "))
        }
    }
}

impl Env {
    /// The case's own RAM untyped (CASE_BITS): fresh, without children,
    /// at `ut_paddr`. Made on first use; panics (failing the case) if the
    /// kernel cannot make it.
    pub fn ut(&mut self) -> seL4_CPtr {
        if !self.ut_made {
            let reply = invoke::untyped_retype(
                self.parent,
                sel4_sys::seL4_UntypedObject,
                CASE_BITS,
                ROOT,
                0,
                0,
                self.ut_slot,
                1,
            );
            if let Err(why) = expect("set-up: retype the case's untyped", reply, Want::Ok) {
                panic!("{why}");
            }
            self.ut_made = true;
        }
        self.ut_slot
    }

    /// A free root-CNode slot, used by this case only.
    pub fn slot(&mut self) -> seL4_CPtr {
        self.slots(1)
    }

    /// `count` consecutive free root-CNode slots; returns the first.
    pub fn slots(&mut self, count: seL4_Word) -> seL4_CPtr {
        let first = self.next;
        assert!(first + count <= self.end, "out of free slots");
        self.next += count;
        first
    }

    /// One object made from `untyped` into a new slot.
    pub fn make_from(
        &mut self,
        untyped: seL4_CPtr,
        object_type: seL4_Word,
        size_bits: seL4_Word,
    ) -> Result<seL4_CPtr, String> {
        self.make_many_from(untyped, object_type, size_bits, 1)
    }

    /// `count` objects made from `untyped` into new consecutive slots; returns the first.
    pub fn make_many_from(
        &mut self,
        untyped: seL4_CPtr,
        object_type: seL4_Word,
        size_bits: seL4_Word,
        count: seL4_Word,
    ) -> Result<seL4_CPtr, String> {
        let slot = self.slots(count);
        let reply = invoke::untyped_retype(untyped, object_type, size_bits, ROOT, 0, 0, slot, count);
        expect(&format!("retype {count} of type {object_type} size {size_bits}"), reply, Want::Ok)?;
        Ok(slot)
    }

    /// One object made from the case's untyped.
    pub fn make(&mut self, object_type: seL4_Word, size_bits: seL4_Word) -> Result<seL4_CPtr, String> {
        let ut = self.ut();
        self.make_from(ut, object_type, size_bits)
    }

    /// `count` objects made from the case's untyped; returns the first slot.
    pub fn make_many(
        &mut self,
        object_type: seL4_Word,
        size_bits: seL4_Word,
        count: seL4_Word,
    ) -> Result<seL4_CPtr, String> {
        let ut = self.ut();
        self.make_many_from(ut, object_type, size_bits, count)
    }

    /// A child untyped of `bits` from the case's untyped.
    pub fn untyped(&mut self, bits: seL4_Word) -> Result<seL4_CPtr, String> {
        self.make(sel4_sys::seL4_UntypedObject, bits)
    }

    /// The smallest device untyped of at least `bits`; the clean-up revokes it.
    pub fn device(&mut self, bits: seL4_Word) -> Result<Device, String> {
        let found = self
            .devices
            .iter()
            .filter(|d| d.bits >= bits)
            .min_by_key(|d| d.bits)
            .copied()
            .ok_or(format!("no device untyped of {bits} bits"))?;
        if !self.used_devices.contains(&found.cptr) {
            self.used_devices.push(found.cptr);
        }
        Ok(found)
    }

    /// A new PML4 with an ASID from the root task's ASID pool: a VSpace
    /// the case may map into without touching its own.
    pub fn vspace(&mut self) -> Result<seL4_CPtr, String> {
        let pml4 = self.make(sel4_sys::seL4_X64_PML4Object, 0)?;
        expect("assign an ASID", invoke::asid_pool_assign(seL4_CapInitThreadASIDPool, pml4), Want::Ok)?;
        Ok(pml4)
    }
}
