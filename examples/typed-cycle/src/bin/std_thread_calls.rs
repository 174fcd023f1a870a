// SPDX-License-Identifier: MIT OR Apache-2.0
//
// Checks that seL4 calls from std threads use each thread's own IPC
// buffer. Every thread mints a badged endpoint capability (CNode_Mint
// passes its last two arguments in the IPC buffer) and sends six message
// registers (two of them in the IPC buffer) through it; the root thread
// receives them all. A thread that used another thread's buffer would mint
// the wrong badge or send the wrong words.

use sel4::{init_thread, Badge, CapRights, Endpoint, MessageInfo, ObjectAllocator};

/// Threads started at once.
const THREADS: usize = 4;
/// Message registers each thread sends: more than the four that travel in
/// machine registers.
const WORDS: usize = 6;

/// The words thread `index` sends.
fn message(index: usize) -> [usize; WORDS] {
    core::array::from_fn(|word| 0x1000 * (index + 1) + word)
}

#[sel4::root]
fn main() -> sel4::Result<()> {
    let mut objects = ObjectAllocator::from_bootinfo(sel4::bootinfo())?;
    let endpoint: Endpoint = objects.create()?;
    let root_buffer = sel4::ipc_buffer().address();

    let mut threads = Vec::new();
    for index in 0..THREADS {
        let slot = objects.alloc_slot()?;
        threads.push(std::thread::spawn(move || -> sel4::Result<usize> {
            let buffer = sel4::ipc_buffer();
            slot.mint(init_thread::CNODE.slot_of(endpoint), CapRights::ALL, Badge::new(index + 1))?;
            let badged = sel4::CPtr::from_cptr(slot.index()).cast::<sel4::cap_type::Endpoint>()?;
            buffer.set_mrs(&message(index));
            badged.send(MessageInfo::builder().length(WORDS).build());
            Ok(buffer.address())
        }));
    }

    let mut seen = [false; THREADS];
    for _ in 0..THREADS {
        let (info, badge) = endpoint.recv();
        let index = badge.value().wrapping_sub(1);
        let words: Vec<usize> = (0..info.length()).map(|i| sel4::ipc_buffer().mr(i)).collect();
        let expected = seen.get(index).is_some_and(|seen| !seen) && words == message(index);
        println!("std-thread-calls: badge {:#x}, words {words:x?}: {}", badge.value(), verdict(expected));
        assert!(expected, "a thread's badge or message registers came out wrong");
        seen[index] = true;
    }

    let mut buffers = vec![root_buffer];
    for thread in threads {
        let buffer = thread.join().expect("a thread panicked")?;
        buffers.push(buffer);
    }
    buffers.sort_unstable();
    buffers.dedup();
    println!("std-thread-calls: {} distinct IPC buffers for {} threads", buffers.len(), THREADS + 1);
    assert_eq!(buffers.len(), THREADS + 1, "threads shared an IPC buffer");
    println!("std-thread-calls: all threads used their own IPC buffer");
    Ok(())
}

fn verdict(ok: bool) -> &'static str {
    if ok {
        "ok"
    } else {
        "WRONG"
    }
}
