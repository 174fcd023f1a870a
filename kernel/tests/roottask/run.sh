#!/bin/sh
# SPDX-License-Identifier: MIT OR Apache-2.0
# Builds a devkernel test root task and boots it on devkernel in QEMU.
# Usage: kernel/tests/roottask/run.sh [FAULT | fuzz | vspace | vspaceN | vspacetrace]
#   no argument: smoke.c; exit status = number of failed checks (0 = pass).
#   FAULT = 1..8: smoke.c ending in a fault (1 unknown syscall, 2 VM fault,
#     3 cap fault, 4 user exception, 5 DebugHalt, 6 "int" on a trap vector,
#     7 int3, 8 "int $0x80"): the kernel prints its report and QEMU is stopped
#     after a few seconds (status 124).
#   fuzz: fuzz.c, random syscalls; exit status 0 when the kernel survived.
#   caps: caps.c, deep, cyclic and large cap structures deleted; 0 = all passed.
#   vspace: vspace.c, mappings seen by memory accesses; exit status = failed checks.
#   vspace1..vspace4: vspace.c ending in a VM fault the kernel reports (status 124).
#   vspacetrace: vspace_trace.c, one line per random VSpace call (compare with real seL4);
#     TRACE_SEED=n picks another sequence.
# DEVKERNEL_IMAGE may name a kernel image built elsewhere; otherwise it is built here.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
out=${TMPDIR:-/tmp}/devkernel-smoke
mkdir -p "$out"
if [ -n "${DEVKERNEL_IMAGE:-}" ]; then
    kernel=$DEVKERNEL_IMAGE
else
    cargo build -q -p sel4-devkernel --manifest-path "$root/Cargo.toml"
    kernel=$(ls -t "${CARGO_TARGET_DIR:-$root/target}"/debug/build/sel4-devkernel-*/out/devkernel32.elf | head -1)
fi
cflags="-static -nostdlib -ffreestanding -fno-pic -no-pie -O2 -Wall -Wextra -Werror -fno-stack-protector"
limit=30
case "${1:-}" in
"") gcc $cflags -o "$out/test.elf" "$here/smoke.c" ;;
fuzz) gcc $cflags -o "$out/test.elf" "$here/fuzz.c"; limit=120 ;;
caps) gcc $cflags -o "$out/test.elf" "$here/caps.c"; limit=60 ;;
vspace) gcc $cflags -o "$out/test.elf" "$here/vspace.c" ;;
vspacetrace) gcc $cflags ${TRACE_SEED:+-DTRACE_SEED=$TRACE_SEED} -o "$out/test.elf" "$here/vspace_trace.c"; limit=120 ;;
vspace[1-4]) gcc $cflags -DVSPACE_FAULT="${1#vspace}" -o "$out/test.elf" "$here/vspace.c"; limit=5 ;;
*) gcc $cflags -DSMOKE_FAULT="$1" -o "$out/test.elf" "$here/smoke.c"; limit=5 ;;
esac
set +e
timeout $limit qemu-system-x86_64 \
    -cpu Nehalem,-vme,+pdpe1gb,-xsave,-xsaveopt,-xsavec,-fsgsbase,-invpcid,+syscall,+lm,enforce \
    -m 512M -display none -serial stdio -monitor none -no-reboot \
    -device isa-debug-exit,iobase=0xf4,iosize=0x04 \
    -kernel "$kernel" -initrd "$out/test.elf"
status=$?
set -e
# isa-debug-exit makes QEMU exit with (v << 1) | 1.
if [ $((status & 1)) -eq 1 ]; then
    exit $((status >> 1))
fi
echo "devkernel test: QEMU ended without isa-debug-exit (status $status)" >&2
exit 125
