// SPDX-License-Identifier: MIT OR Apache-2.0
//
// Checks that `sel4::Error` carries what the kernel says: provokes errors
// of each kind a root task can cause through the typed API and compares
// the decoded error (code, argument, range, lookup failure, memory left)
// with the expected one. Prints each error's sentence.

use sel4::{
    init_thread, ArchObjectType, CNodeCapData, CapRights, ErrorKind, LookupFailure, ObjectAllocator,
    ObjectType, SmallPage, UserContext, VmAttributes,
};

/// Compares a result with the error it should be; returns whether it matched.
fn check(name: &str, result: sel4::Result<()>, expected: ErrorKind) -> bool {
    match result {
        Err(error) if error.kind() == expected => {
            println!("ok: {name}: {error}");
            true
        }
        Err(error) => {
            println!("MISMATCH: {name}: got {:?} ({error}), expected {expected:?}", error.kind());
            false
        }
        Ok(()) => {
            println!("MISMATCH: {name}: succeeded, expected {expected:?}");
            false
        }
    }
}

#[sel4::root]
fn main() -> sel4::Result<()> {
    let mut objects = ObjectAllocator::from_bootinfo(sel4::bootinfo())?;
    let untyped = objects.untyped();
    let cnode = init_thread::CNODE;
    let free = objects.alloc_slot()?.index();
    let other = objects.alloc_slot()?.index();
    let small = objects.create_untyped(12)?;
    let frame: SmallPage = objects.create()?;
    let word_bits = usize::BITS as usize;

    let results = [
        check(
            "retype zero objects",
            untyped.retype(ObjectType::Endpoint, 0, cnode.itself(), free, 0),
            ErrorKind::RangeError { min: 1, max: 256 },
        ),
        check(
            "retype past the CNode's end",
            untyped.retype(ObjectType::Endpoint, 0, cnode.itself(), 4096, 1),
            ErrorKind::RangeError { min: 0, max: 4095 },
        ),
        check(
            "retype into an occupied slot",
            untyped.retype(ObjectType::Endpoint, 0, cnode.itself(), init_thread::TCB.bits(), 1),
            ErrorKind::DeleteFirst,
        ),
        check(
            "retype more than fits",
            small.retype(ObjectType::Arch(ArchObjectType::LargePage), 0, cnode.itself(), free, 1),
            ErrorKind::NotEnoughMemory { bytes_available: 4096 },
        ),
        check(
            "copy from an empty slot",
            cnode.slot(other).copy(cnode.slot(free), CapRights::ALL),
            ErrorKind::FailedLookup {
                in_source: true,
                failure: LookupFailure::MissingCapability { bits_left: word_bits },
            },
        ),
        check(
            "delete at a depth that ends inside a CNode",
            cnode.slot_at_depth(5, 60).delete(),
            ErrorKind::FailedLookup {
                in_source: false,
                failure: LookupFailure::DepthMismatch { bits_left: 60, bits_found: word_bits },
            },
        ),
        check(
            "delete at a depth shorter than the guard",
            cnode.slot_at_depth(free, 12).delete(),
            ErrorKind::FailedLookup {
                in_source: false,
                failure: LookupFailure::GuardMismatch { bits_left: 12, guard_found: 0, bits_found: 52 },
            },
        ),
        check(
            "delete at an address outside the guard",
            cnode.slot(1 << 63 | free).delete(),
            ErrorKind::FailedLookup {
                in_source: false,
                failure: LookupFailure::GuardMismatch {
                    bits_left: word_bits,
                    guard_found: 0,
                    bits_found: 52,
                },
            },
        ),
        check(
            "map a frame at a misaligned address",
            frame.map(init_thread::VSPACE, 0x10_0000_0800, CapRights::READ_WRITE, VmAttributes::DEFAULT),
            ErrorKind::AlignmentError,
        ),
        check(
            "read our own registers",
            init_thread::TCB.read_registers(false, UserContext::WORDS).map(drop),
            ErrorKind::IllegalOperation,
        ),
        check(
            "mint a CNode with a guard too large",
            cnode.slot(free).mint_with_guard(
                cnode.slot(cnode.bits()),
                CapRights::ALL,
                CNodeCapData::new(0, 60),
            ),
            ErrorKind::IllegalOperation,
        ),
        check(
            "retype a CNode of no slots",
            untyped.retype(ObjectType::CNode, 0, cnode.itself(), free, 1),
            ErrorKind::InvalidArgument { argument: 1 },
        ),
    ];
    let passed = results.iter().filter(|passed| **passed).count();
    println!("error-replies: {passed} of {} errors decoded as expected", results.len());
    if passed != results.len() {
        std::process::exit(1);
    }
    Ok(())
}
