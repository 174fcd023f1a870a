// SPDX-License-Identifier: MIT OR Apache-2.0
//
// Teaches: the typed API for a whole object life cycle. Objects come from
// untyped memory; a badged endpoint carries a capability from a second
// thread (whose stack is a frame this program maps); revoking removes the
// derived capabilities; deleting everything gives the memory back. Every
// step's `Result` is checked and printed; an error ends the program with
// its sentence and status 1.

mod child;

use sel4::{
    init_thread, Badge, CapRights, Endpoint, MessageInfo, Notification, ObjectAllocator, PageDirectory,
    PageTable, SmallPage, Tcb, VmAttributes,
};

/// Where the second thread's stack goes: 64 GiB, where no page directory
/// exists yet.
const STACK_VADDR: usize = 0x10_0000_0000;

#[sel4::root]
fn main() {
    match run() {
        Ok(()) => println!("typed-cycle: all steps passed"),
        Err(error) => {
            println!("typed-cycle: {error}");
            std::process::exit(1);
        }
    }
}

/// Prints a step's outcome and passes its result on.
fn step<T>(name: &str, result: sel4::Result<T>) -> sel4::Result<T> {
    match &result {
        Ok(_) => println!("ok: {name}"),
        Err(error) => println!("FAILED: {name}: {error}"),
    }
    result
}

/// Stops the run (status 101) with `message` unless `condition` holds.
fn expect(condition: bool, message: &str) {
    assert!(condition, "typed-cycle: {message}");
}

fn run() -> sel4::Result<()> {
    let bootinfo = sel4::bootinfo();
    let devices = bootinfo.untypeds().filter(|(_, untyped)| untyped.is_device()).count();
    let extra = bootinfo.extra();
    let ram_regions =
        extra.memory_map().map_or(0, |regions| regions.filter(|region| region.is_ram()).count());
    println!(
        "boot info: {} untypeds ({devices} device), free slots {:?}, {} image frames, TSC {:?} MHz, \
         ACPI revision {:?}, {ram_regions} RAM regions",
        bootinfo.untypeds().len(),
        bootinfo.empty(),
        bootinfo.user_image_frames().len(),
        extra.tsc_frequency_mhz(),
        extra.acpi_rsdp().map(|rsdp| rsdp.revision()),
    );
    expect(ram_regions > 0 && extra.tsc_frequency_mhz().is_some(), "extra boot info missing");
    let mut objects = step("allocator over the largest untyped", ObjectAllocator::from_bootinfo(bootinfo))?;

    // Retype: each object's kind is its Rust type.
    let stack: SmallPage = step("retype a 4 KiB frame", objects.create())?;
    let endpoint: Endpoint = step("retype an endpoint", objects.create())?;
    let notification: Notification = step("retype a notification", objects.create())?;
    let thread: Tcb = step("retype a TCB", objects.create())?;
    let directory: PageDirectory = step("retype a page directory", objects.create())?;
    let table: PageTable = step("retype a page table", objects.create())?;
    let stack_paddr = step("frame physical address", stack.get_address())?;

    // Map a frame: without a page directory the error says what is missing.
    let vspace = init_thread::VSPACE;
    let missing = stack.map(vspace, STACK_VADDR, CapRights::READ_WRITE, VmAttributes::DEFAULT).unwrap_err();
    println!("ok: mapping too early fails: {missing}");
    expect(missing.code() == Some(sel4::ErrorCode::FailedLookup), "expected a failed lookup");
    step("map the page directory", directory.map(vspace, STACK_VADDR, VmAttributes::DEFAULT))?;
    step("map the page table", table.map(vspace, STACK_VADDR, VmAttributes::DEFAULT))?;
    step("map the frame", stack.map(vspace, STACK_VADDR, CapRights::READ_WRITE, VmAttributes::DEFAULT))?;

    // Mint badged copies: the child calls through one, sends the other.
    let badged_endpoint =
        step("mint endpoint badge 0x42", objects.mint(endpoint, CapRights::ALL, Badge::new(0x42)))?;
    let badged_notification =
        step("mint notification badge 0b101", objects.mint(notification, CapRights::ALL, Badge::new(0b101)))?;

    // A second thread in our spaces, with the mapped frame as its stack.
    step(
        "start a second thread",
        child::start(thread, STACK_VADDR + 4096, badged_endpoint, badged_notification),
    )?;

    // IPC with a capability: receive the child's call and the notification it sends.
    let receive_slot = step("a slot for the received capability", objects.alloc_slot())?;
    sel4::ipc_buffer().set_receive_path(receive_slot);
    let (info, badge) = endpoint.recv();
    println!("ok: received label {} badge {badge} with {} capability", info.label(), info.extra_caps());
    expect(badge == Badge::new(0x42) && info.label() == child::LABEL, "wrong badge or label");
    expect(info.extra_caps() == 1 && sel4::ipc_buffer().mr(0) == child::PAYLOAD, "wrong message");
    let received =
        step("received capability is a notification", sel4::CPtr::from_cptr(receive_slot.index()).cast())?;
    let received: Notification = received;
    received.signal();
    expect(notification.poll() == Badge::new(0b101), "signal through the received copy lost its badge");
    sel4::ipc_buffer().set_mr(0, child::REPLY);
    sel4::reply(MessageInfo::builder().length(1).build());
    expect(notification.wait() == Badge::new(0b101), "the child did not signal");
    expect(child::reply_seen() == child::REPLY, "the child did not get the reply");
    println!("ok: the child got the reply and signalled");
    step("suspend the child", thread.suspend())?;

    // Revoke: the badged copies (and the received one) disappear.
    step("revoke the endpoint", objects.revoke(endpoint))?;
    step("revoke the notification", objects.revoke(notification))?;
    expect(badged_endpoint.upcast().identify() == 0, "the badged endpoint survived the revoke");
    expect(received.upcast().identify() == 0, "the received copy survived the revoke");

    // Unmap and delete everything: the untyped's memory comes back.
    step("unmap the frame", stack.unmap())?;
    step("unmap the page table", table.unmap())?;
    step("unmap the page directory", directory.unmap())?;
    for cap in [thread.upcast(), endpoint.upcast(), notification.upcast(), stack.upcast()] {
        step("delete an object", objects.delete(cap))?;
    }
    for cap in [directory.upcast(), table.upcast(), badged_endpoint.upcast(), badged_notification.upcast()] {
        step("delete a capability", objects.delete(cap))?;
    }
    step("free the receive slot", objects.delete(received))?;
    let again: SmallPage = step("retype a frame again", objects.create())?;
    let again_paddr = step("its physical address", again.get_address())?;
    expect(again_paddr == stack_paddr, "the untyped's memory did not come back");
    println!("ok: memory returned (frame at {again_paddr:#x} again)");
    step("revoke the untyped", objects.revoke(objects.untyped()))
}
