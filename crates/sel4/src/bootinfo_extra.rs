// SPDX-License-Identifier: MIT OR Apache-2.0
//
// The extra boot info: chunks the kernel appends after the boot info frame
// (ABI section 12), each a 16-byte header {id, length} and a payload. On
// x86 they are the ACPI RSDP, the multiboot memory map and the TSC
// frequency. Parsing works on a byte slice, so it is tested on the host;
// `bootinfo.rs` finds the bytes.

use crate::sys;

/// The extra boot info chunks.
#[derive(Debug, Clone, Copy)]
pub struct ExtraBootInfo<'a> {
    bytes: &'a [u8],
}

/// What an extra boot info chunk holds (`SEL4_BOOTINFO_HEADER_*`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExtraChunkId {
    /// Padding to skip.
    Padding,
    /// The VESA BIOS Extensions mode.
    X86Vbe,
    /// The multiboot memory map: see [`ExtraBootInfo::memory_map`].
    X86MemoryMap,
    /// A copy of the ACPI RSDP: see [`ExtraBootInfo::acpi_rsdp`].
    X86AcpiRsdp,
    /// The framebuffer.
    X86Framebuffer,
    /// The TSC frequency: see [`ExtraBootInfo::tsc_frequency_mhz`].
    X86TscFrequency,
    /// A flattened device tree.
    Fdt,
    /// An id this crate does not know.
    Unknown(usize),
}

impl ExtraChunkId {
    fn from_word(id: u64) -> Self {
        match id {
            sys::SEL4_BOOTINFO_HEADER_PADDING => Self::Padding,
            sys::SEL4_BOOTINFO_HEADER_X86_VBE => Self::X86Vbe,
            sys::SEL4_BOOTINFO_HEADER_X86_MBMMAP => Self::X86MemoryMap,
            sys::SEL4_BOOTINFO_HEADER_X86_ACPI_RSDP => Self::X86AcpiRsdp,
            sys::SEL4_BOOTINFO_HEADER_X86_FRAMEBUFFER => Self::X86Framebuffer,
            sys::SEL4_BOOTINFO_HEADER_X86_TSC_FREQ => Self::X86TscFrequency,
            sys::SEL4_BOOTINFO_HEADER_FDT => Self::Fdt,
            other => Self::Unknown(other as usize),
        }
    }
}

/// One extra boot info chunk.
#[derive(Debug, Clone, Copy)]
pub struct ExtraChunk<'a> {
    /// What it holds.
    pub id: ExtraChunkId,
    /// The bytes after its header.
    pub payload: &'a [u8],
}

/// The size of a chunk header (`seL4_BootInfoHeader`).
const HEADER_BYTES: usize = 16;

fn u32_at(bytes: &[u8], offset: usize) -> Option<u32> {
    Some(u32::from_le_bytes(bytes.get(offset..offset + 4)?.try_into().ok()?))
}

fn u64_at(bytes: &[u8], offset: usize) -> Option<u64> {
    Some(u64::from_le_bytes(bytes.get(offset..offset + 8)?.try_into().ok()?))
}

impl<'a> ExtraBootInfo<'a> {
    /// The chunks in `bytes` (the `extraLen` bytes after the boot info frame).
    pub const fn new(bytes: &'a [u8]) -> Self {
        Self { bytes }
    }

    /// The raw bytes.
    pub const fn bytes(&self) -> &'a [u8] {
        self.bytes
    }

    /// The chunks, in order; a malformed header ends the list.
    pub fn chunks(&self) -> impl Iterator<Item = ExtraChunk<'a>> + 'a {
        let bytes = self.bytes;
        let mut offset = 0;
        core::iter::from_fn(move || {
            let id = u64_at(bytes, offset)?;
            let length = usize::try_from(u64_at(bytes, offset + 8)?).ok()?;
            if length < HEADER_BYTES || bytes.len() - offset < length {
                return None;
            }
            let payload = &bytes[offset + HEADER_BYTES..offset + length];
            offset += length;
            Some(ExtraChunk { id: ExtraChunkId::from_word(id), payload })
        })
    }

    /// The payload of the first chunk with this id.
    pub fn chunk(&self, id: ExtraChunkId) -> Option<&'a [u8]> {
        self.chunks().find(|chunk| chunk.id == id).map(|chunk| chunk.payload)
    }

    /// The TSC frequency in MHz, as the kernel measured it.
    pub fn tsc_frequency_mhz(&self) -> Option<u32> {
        u32_at(self.chunk(ExtraChunkId::X86TscFrequency)?, 0)
    }

    /// The ACPI RSDP the kernel found.
    pub fn acpi_rsdp(&self) -> Option<AcpiRsdp<'a>> {
        let bytes = self.chunk(ExtraChunkId::X86AcpiRsdp)?;
        (bytes.len() >= AcpiRsdp::VERSION_1_BYTES).then_some(AcpiRsdp { bytes })
    }

    /// The regions of the multiboot memory map.
    pub fn memory_map(&self) -> Option<impl Iterator<Item = MemoryRegion> + 'a> {
        let payload = self.chunk(ExtraChunkId::X86MemoryMap)?;
        let length = u32_at(payload, 0)? as usize;
        let entries = payload.get(4..)?;
        let entries = &entries[..length.min(entries.len())];
        let mut offset = 0;
        Some(core::iter::from_fn(move || {
            let size = u32_at(entries, offset)? as usize;
            if size < MemoryRegion::ENTRY_BYTES {
                return None;
            }
            let region = MemoryRegion {
                base: u64_at(entries, offset + 4)?,
                length: u64_at(entries, offset + 12)?,
                region_type: u32_at(entries, offset + 20)?,
            };
            offset += size + 4;
            Some(region)
        }))
    }
}

/// One region of the multiboot memory map (`seL4_X86_mb_mmap_t`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MemoryRegion {
    /// The physical address where it starts.
    pub base: u64,
    /// Its length in bytes.
    pub length: u64,
    /// Its multiboot type (1: RAM).
    pub region_type: u32,
}

impl MemoryRegion {
    /// The bytes of an entry after its size field.
    const ENTRY_BYTES: usize = 20;

    /// Whether the region is RAM (`SEL4_MULTIBOOT_RAM_REGION_TYPE`).
    pub fn is_ram(&self) -> bool {
        u64::from(self.region_type) == sys::SEL4_MULTIBOOT_RAM_REGION_TYPE
    }
}

/// The ACPI Root System Description Pointer, where ACPI's tables start.
#[derive(Debug, Clone, Copy)]
pub struct AcpiRsdp<'a> {
    bytes: &'a [u8],
}

impl<'a> AcpiRsdp<'a> {
    const VERSION_1_BYTES: usize = 20;
    const VERSION_2_BYTES: usize = 36;

    /// The raw bytes (20 for ACPI 1.0, 36 from 2.0 on).
    pub fn bytes(&self) -> &'a [u8] {
        self.bytes
    }

    /// The signature, `b"RSD PTR "` in a valid RSDP.
    pub fn signature(&self) -> &'a [u8] {
        &self.bytes[0..8]
    }

    /// The OEM's name.
    pub fn oem_id(&self) -> &'a [u8] {
        &self.bytes[9..15]
    }

    /// The revision: 0 for ACPI 1.0, 2 from 2.0 on.
    pub fn revision(&self) -> u8 {
        self.bytes[15]
    }

    /// The physical address of the RSDT.
    pub fn rsdt_address(&self) -> u32 {
        u32_at(self.bytes, 16).unwrap_or(0)
    }

    /// The physical address of the XSDT (ACPI 2.0 and later).
    pub fn xsdt_address(&self) -> Option<u64> {
        if self.revision() >= 2 && self.bytes.len() >= Self::VERSION_2_BYTES {
            u64_at(self.bytes, 24)
        } else {
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn push_chunk(out: &mut [u8], at: usize, id: u64, payload: &[u8]) -> usize {
        let length = HEADER_BYTES + payload.len();
        out[at..at + 8].copy_from_slice(&id.to_le_bytes());
        out[at + 8..at + 16].copy_from_slice(&(length as u64).to_le_bytes());
        out[at + 16..at + length].copy_from_slice(payload);
        at + length
    }

    fn mmap_entry(out: &mut [u8], at: usize, base: u64, length: u64, region_type: u32) -> usize {
        out[at..at + 4].copy_from_slice(&20u32.to_le_bytes());
        out[at + 4..at + 12].copy_from_slice(&base.to_le_bytes());
        out[at + 12..at + 20].copy_from_slice(&length.to_le_bytes());
        out[at + 20..at + 24].copy_from_slice(&region_type.to_le_bytes());
        at + 24
    }

    /// The chunks seL4 gives under QEMU: RSDP, memory map, TSC frequency.
    fn sample(buffer: &mut [u8; 512]) -> usize {
        let mut rsdp = [0u8; 36];
        rsdp[0..8].copy_from_slice(b"RSD PTR ");
        rsdp[9..15].copy_from_slice(b"BOCHS ");
        rsdp[15] = 2;
        rsdp[16..20].copy_from_slice(&0x1ffe_2345u32.to_le_bytes());
        rsdp[24..32].copy_from_slice(&0x1ffe_3000u64.to_le_bytes());
        let mut at = push_chunk(buffer, 0, 3, &rsdp);

        let mut mmap = [0u8; 4 + 48 + 24];
        mmap[0..4].copy_from_slice(&48u32.to_le_bytes());
        let next = mmap_entry(&mut mmap, 4, 0, 0x9fc00, 1);
        mmap_entry(&mut mmap, next, 0x10_0000, 0x1fee_0000, 1);
        // A third entry past mmap_length must be ignored.
        mmap_entry(&mut mmap, 52, 0xfffc_0000, 0x4_0000, 2);
        at = push_chunk(buffer, at, 2, &mmap);

        at = push_chunk(buffer, at, 5, &2596u32.to_le_bytes());
        at
    }

    #[test]
    fn finds_every_chunk() {
        let mut buffer = [0u8; 512];
        let length = sample(&mut buffer);
        let extra = ExtraBootInfo::new(&buffer[..length]);
        let ids: [ExtraChunkId; 3] =
            [ExtraChunkId::X86AcpiRsdp, ExtraChunkId::X86MemoryMap, ExtraChunkId::X86TscFrequency];
        assert!(extra.chunks().map(|chunk| chunk.id).eq(ids));
        assert_eq!(extra.tsc_frequency_mhz(), Some(2596));
    }

    #[test]
    fn parses_the_rsdp() {
        let mut buffer = [0u8; 512];
        let length = sample(&mut buffer);
        let rsdp = ExtraBootInfo::new(&buffer[..length]).acpi_rsdp().unwrap();
        assert_eq!(rsdp.signature(), b"RSD PTR ");
        assert_eq!(rsdp.oem_id(), b"BOCHS ");
        assert_eq!(rsdp.revision(), 2);
        assert_eq!(rsdp.rsdt_address(), 0x1ffe_2345);
        assert_eq!(rsdp.xsdt_address(), Some(0x1ffe_3000));
    }

    #[test]
    fn walks_the_memory_map_within_its_length() {
        let mut buffer = [0u8; 512];
        let length = sample(&mut buffer);
        let extra = ExtraBootInfo::new(&buffer[..length]);
        let mut regions = extra.memory_map().unwrap();
        assert_eq!(regions.next(), Some(MemoryRegion { base: 0, length: 0x9fc00, region_type: 1 }));
        let second = regions.next().unwrap();
        assert_eq!((second.base, second.length, second.is_ram()), (0x10_0000, 0x1fee_0000, true));
        assert_eq!(regions.next(), None);
    }

    #[test]
    fn stops_at_a_malformed_header() {
        let mut buffer = [0u8; 512];
        let length = sample(&mut buffer);
        // A header claiming more bytes than there are ends the list.
        buffer[8..16].copy_from_slice(&10_000u64.to_le_bytes());
        let extra = ExtraBootInfo::new(&buffer[..length]);
        assert_eq!(extra.chunks().count(), 0);
        assert_eq!(extra.tsc_frequency_mhz(), None);
        assert!(ExtraBootInfo::new(&[]).memory_map().is_none());
        // A length shorter than a header, too.
        let mut short = [0u8; 32];
        short[8..16].copy_from_slice(&4u64.to_le_bytes());
        assert_eq!(ExtraBootInfo::new(&short).chunks().count(), 0);
    }
}
