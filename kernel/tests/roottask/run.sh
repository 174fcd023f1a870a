#!/bin/sh
# SPDX-License-Identifier: MIT OR Apache-2.0
# Builds one of devkernel's test root tasks and boots it, streaming its output.
# `cargo xtask roottask` does the work with the launcher's own QEMU command
# line and fault detection; this script only finds the workspace.
# Usage: kernel/tests/roottask/run.sh [smoke | caps | vspace | fuzz | vspacetrace | N | vspaceN]
#   smoke (default), caps, vspace, fuzz: exit status 0 when every check passes.
#   N = 1..8: smoke.c ending in fault N; vspaceN = 1..4: vspace.c ending in fault N.
#   vspacetrace: random VSpace calls, one line per reply; TRACE_SEED picks another sequence.
# DEVKERNEL_IMAGE (or SEL4_KERNEL) names another kernel image, an ELF32 file.
set -eu
root=$(cd "$(dirname "$0")/../../.." && pwd)
if [ -n "${DEVKERNEL_IMAGE:-}" ]; then
    SEL4_KERNEL=$DEVKERNEL_IMAGE
    export SEL4_KERNEL
fi
cd "$root"
exec cargo xtask roottask "$@"
