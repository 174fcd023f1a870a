// SPDX-License-Identifier: MIT OR Apache-2.0
//
// Interrupts: IRQControl Get (refused: the I/O APIC configuration has no
// legacy IRQs), GetIOAPIC and GetMSI with their checks in seL4's order,
// IRQHandler SetNotification, Ack and Clear, an IRQ freed when its handler
// cap is deleted, and a real device interrupt (the CMOS clock's periodic
// interrupt on I/O APIC pin 8) reaching a notification; plus DomainSet_Set.

use crate::alloc::{Env, DEPTH, ROOT};
use crate::framework::{expect, expect_cap, expect_eq, Case, Outcome, Want};
use crate::invoke::{self as k, call};
use crate::threads::{self, raw_syscall, SYS_NB_RECV};
use sel4_sys::cap_tag::*;
use sel4_sys::invocation_label as label;
use sel4_sys::*;

const CONTROL: seL4_CPtr = seL4_CapIRQControl;

/// The cases of this group.
pub fn cases() -> Vec<Case> {
    crate::cases!["irq":
        get_legacy_refused, ioapic_checks, ioapic_issue_once, msi_checks, handler_methods,
        deleting_handler_frees_irq, rtc_interrupt_reaches_notification, domain_set_set, domain_schedule,
    ]
}

/// GetIOAPIC arguments: index, depth, ioapic, pin, level, polarity, vector.
fn get_ioapic(
    slot: seL4_CPtr,
    ioapic: seL4_Word,
    pin: seL4_Word,
    level: seL4_Word,
    polarity: seL4_Word,
    vector: seL4_Word,
) -> k::Reply {
    call(
        CONTROL,
        label::X86IRQIssueIRQHandlerIOAPIC,
        &[slot, DEPTH, ioapic, pin, level, polarity, vector],
        &[ROOT],
    )
}

fn get_msi(slot: seL4_CPtr, bus: seL4_Word, dev: seL4_Word, func: seL4_Word, vector: seL4_Word) -> k::Reply {
    call(CONTROL, label::X86IRQIssueIRQHandlerMSI, &[slot, DEPTH, bus, dev, func, 0, vector], &[ROOT])
}

fn get_legacy_refused(env: &mut Env) -> Outcome {
    let slot = env.slot();
    expect(
        "Get IRQ 4",
        call(CONTROL, label::IRQIssueIRQHandler, &[4, slot, DEPTH], &[ROOT]),
        Want::IllegalOperation,
    )?;
    expect("Get truncated", call(CONTROL, label::IRQIssueIRQHandler, &[4, slot], &[ROOT]), Want::Truncated)?;
    expect("wrong label", call(CONTROL, label::CNodeCopy, &[], &[]), Want::IllegalOperation)
}

fn ioapic_checks(env: &mut Env) -> Outcome {
    let slot = env.slot();
    expect("vector 108", get_ioapic(slot, 0, 3, 0, 0, 108), Want::Range(0, 107))?;
    expect("ioapic 1", get_ioapic(slot, 1, 3, 0, 0, 20), Want::Range(0, 0))?;
    expect("pin 24", get_ioapic(slot, 0, 24, 0, 0, 20), Want::Range(0, 23))?;
    expect("level 2", get_ioapic(slot, 0, 3, 2, 0, 20), Want::Range(0, 1))?;
    expect("polarity 2", get_ioapic(slot, 0, 3, 0, 2, 20), Want::Range(0, 1))?;
    let short = call(CONTROL, label::X86IRQIssueIRQHandlerIOAPIC, &[slot, DEPTH, 0, 3, 0, 0], &[ROOT]);
    expect("6 words", short, Want::Truncated)?;
    let occupied = seL4_CapInitThreadTCB;
    expect("slot occupied", get_ioapic(occupied, 0, 3, 0, 0, 20), Want::DeleteFirst)?;
    expect("wrong label", call(CONTROL, label::X86IOPortIn8, &[], &[]), Want::IllegalOperation)
}

fn ioapic_issue_once(env: &mut Env) -> Outcome {
    let slot = env.slot();
    expect("issue", get_ioapic(slot, 0, 3, 1, 1, 20), Want::Ok)?;
    expect_cap("handler", slot, cap_irq_handler_cap)?;
    let again = env.slot();
    expect("vector taken", get_ioapic(again, 0, 4, 0, 0, 20), Want::RevokeFirst)?;
    expect("taken by MSI too", get_msi(again, 0, 0, 0, 20), Want::RevokeFirst)
}

fn msi_checks(env: &mut Env) -> Outcome {
    let slot = env.slot();
    expect("bus 256", get_msi(slot, 256, 0, 0, 21), Want::Range(0, 255))?;
    expect("device 32", get_msi(slot, 0, 32, 0, 21), Want::Range(0, 31))?;
    expect("function 8", get_msi(slot, 0, 0, 8, 21), Want::Range(0, 7))?;
    expect("vector 200", get_msi(slot, 0, 0, 0, 200), Want::Range(0, 107))?;
    expect("issue", get_msi(slot, 255, 31, 7, 21), Want::Ok)?;
    expect_cap("handler", slot, cap_irq_handler_cap)
}

fn handler_methods(env: &mut Env) -> Outcome {
    let handler = env.slot();
    expect("issue", get_ioapic(handler, 0, 5, 0, 0, 22), Want::Ok)?;
    let ntfn = threads::notification(env)?;
    let read_only = threads::mint(env, ntfn, 2, 0)?;
    let ep = threads::endpoint(env)?;
    expect("no cap", call(handler, label::IRQSetIRQHandler, &[], &[]), Want::Truncated)?;
    expect("endpoint", call(handler, label::IRQSetIRQHandler, &[], &[ep]), Want::InvalidCapability(0))?;
    expect(
        "read-only",
        call(handler, label::IRQSetIRQHandler, &[], &[read_only]),
        Want::InvalidCapability(0),
    )?;
    expect("set", call(handler, label::IRQSetIRQHandler, &[], &[ntfn]), Want::Ok)?;
    expect("set again", call(handler, label::IRQSetIRQHandler, &[], &[ntfn]), Want::Ok)?;
    expect("ack", call(handler, label::IRQAckIRQ, &[], &[]), Want::Ok)?;
    expect("clear", call(handler, label::IRQClearIRQHandler, &[], &[]), Want::Ok)?;
    expect("clear again", call(handler, label::IRQClearIRQHandler, &[], &[]), Want::Ok)?;
    expect("wrong label", call(handler, label::CNodeCopy, &[], &[]), Want::IllegalOperation)
}

fn deleting_handler_frees_irq(env: &mut Env) -> Outcome {
    let handler = env.slot();
    expect("issue", get_ioapic(handler, 0, 6, 0, 0, 23), Want::Ok)?;
    expect("delete", call(ROOT, label::CNodeDelete, &[handler, DEPTH], &[]), Want::Ok)?;
    expect("issue again", get_ioapic(handler, 0, 6, 0, 0, 23), Want::Ok)
}

const RTC_INDEX: seL4_Word = 0x70;
const RTC_DATA: seL4_Word = 0x71;
const NMI_OFF: seL4_Word = 0x80;

fn rtc_read(port: seL4_CPtr, reg: seL4_Word) -> Result<seL4_Word, String> {
    expect("select", k::ioport_out(port, 1, RTC_INDEX, NMI_OFF | reg), Want::Ok)?;
    let reply = k::ioport_in(port, 1, RTC_DATA);
    crate::framework::expect_value("read", reply, 1).map(|mrs| mrs[0] & 0xff)
}

fn rtc_write(port: seL4_CPtr, reg: seL4_Word, value: seL4_Word) -> Outcome {
    expect("select", k::ioport_out(port, 1, RTC_INDEX, NMI_OFF | reg), Want::Ok)?;
    expect("write", k::ioport_out(port, 1, RTC_DATA, value), Want::Ok)
}

/// Polls the notification until a signal arrives, a bounded number of times.
fn poll_for_signal(ntfn: seL4_CPtr) -> Option<seL4_Word> {
    for _ in 0..2_000_000 {
        let badge = raw_syscall(SYS_NB_RECV, ntfn, 0, [0; 4]).badge;
        if badge != 0 {
            return Some(badge);
        }
    }
    None
}

fn rtc_interrupt_reaches_notification(env: &mut Env) -> Outcome {
    let port = env.slot();
    expect(
        "RTC ports",
        k::ioport_control_issue(seL4_CapIOPortControl, RTC_INDEX, RTC_DATA, ROOT, port, DEPTH),
        Want::Ok,
    )?;
    let handler = env.slot();
    // ISA IRQ 8 is I/O APIC pin 8: edge triggered, active high.
    expect("issue", get_ioapic(handler, 0, 8, 0, 0, 24), Want::Ok)?;
    let ntfn = threads::notification(env)?;
    let badged = threads::mint(env, ntfn, 1, 0x800)?;
    expect("set notification", call(handler, label::IRQSetIRQHandler, &[], &[badged]), Want::Ok)?;
    let b = rtc_read(port, 0x0b)?;
    rtc_read(port, 0x0c)?; // clear pending flags so the line is low
    rtc_write(port, 0x0b, b | 0x40)?; // periodic interrupt on (1024 Hz)
    let first = poll_for_signal(ntfn);
    rtc_read(port, 0x0c)?; // acknowledge at the clock
    expect("ack", call(handler, label::IRQAckIRQ, &[], &[]), Want::Ok)?;
    if first.is_none() {
        rtc_write(port, 0x0b, b & !0x40)?;
        return Err("no interrupt arrived".into());
    }
    // Now block: the kernel idles until the clock interrupts and wakes us.
    let second = Some(raw_syscall(threads::SYS_RECV, ntfn, 0, [0; 4]).badge);
    rtc_write(port, 0x0b, b & !0x40)?;
    rtc_read(port, 0x0c)?;
    expect_eq("interrupts signalled", (first, second), (Some(0x800), Some(0x800)))
}

fn domain_set_set(env: &mut Env) -> Outcome {
    let domain = seL4_CapDomain;
    let tcb = env.make(seL4_TCBObject, 0)?;
    expect("no word", call(domain, label::DomainSetSet, &[], &[tcb]), Want::Truncated)?;
    expect("domain 1", call(domain, label::DomainSetSet, &[1], &[tcb]), Want::InvalidArgument(0))?;
    expect("no cap", call(domain, label::DomainSetSet, &[0], &[]), Want::Truncated)?;
    expect("not a TCB", call(domain, label::DomainSetSet, &[0], &[ROOT]), Want::InvalidArgument(1))?;
    expect("domain 0", call(domain, label::DomainSetSet, &[0], &[tcb]), Want::Ok)?;
    expect("wrong label", call(domain, label::CNodeCopy, &[], &[]), Want::IllegalOperation)
}

fn domain_schedule(_env: &mut Env) -> Outcome {
    let domain = seL4_CapDomain;
    expect(
        "configure, 2 words",
        call(domain, label::DomainScheduleConfigure, &[0, 0], &[]),
        Want::Truncated,
    )?;
    expect(
        "configure index 1",
        call(domain, label::DomainScheduleConfigure, &[1, 0, 5], &[]),
        Want::Range(0, 0),
    )?;
    expect(
        "configure domain 1",
        call(domain, label::DomainScheduleConfigure, &[0, 1, 5], &[]),
        Want::Range(0, 0),
    )?;
    expect(
        "duration too long",
        call(domain, label::DomainScheduleConfigure, &[0, 0, 1 << 56], &[]),
        Want::InvalidArgument(2),
    )?;
    expect(
        "start entry ends",
        call(domain, label::DomainScheduleConfigure, &[0, 0, 0], &[]),
        Want::InvalidArgument(2),
    )?;
    expect("set start 2", call(domain, label::DomainScheduleSetStart, &[2], &[]), Want::Range(0, 1))?;
    expect(
        "set start at the end marker",
        call(domain, label::DomainScheduleSetStart, &[1], &[]),
        Want::InvalidArgument(0),
    )?;
    expect("set start truncated", call(domain, label::DomainScheduleSetStart, &[], &[]), Want::Truncated)?;
    expect("set start 0", call(domain, label::DomainScheduleSetStart, &[0], &[]), Want::Ok)
}
