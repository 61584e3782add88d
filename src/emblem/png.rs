//! PNG emblems: the size read from the IHDR header and checked before any decoding (PNG
//! specification, 11.2.2: IHDR is the first chunk), then one decoding under a memory limit to
//! prove the file whole, so that the PDF writer, which decodes it again, never fails on it.

/// The eight bytes every PNG file starts with (PNG specification, 5.2).
pub const SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";
/// The most pixels an emblem PNG may have.
pub const MAX_PIXELS: u64 = 40_000_000;
/// The most bytes an emblem PNG may take once decoded (samples expanded to 8 or 16 bits, as
/// the PDF writer decodes them).
pub const MAX_DECODED_BYTES: u64 = 160 * 1024 * 1024;

/// What the header says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Header {
    pub width: u32,
    pub height: u32,
    pub bit_depth: u8,
    pub color_type: u8,
}

/// Reads the IHDR chunk: it must come first, 13 bytes long.
pub fn header(data: &[u8]) -> Result<Header, String> {
    let broken = || "the PNG header is missing or broken".to_string();
    if !data.starts_with(SIGNATURE) {
        return Err(broken());
    }
    let chunk =
        data.get(8..8 + 8 + 13).ok_or_else(|| "the PNG file is cut short in its header".to_string())?;
    if chunk[0..4] != 13u32.to_be_bytes() || &chunk[4..8] != b"IHDR" {
        return Err(broken());
    }
    let word = |at: usize| u32::from_be_bytes([chunk[at], chunk[at + 1], chunk[at + 2], chunk[at + 3]]);
    let h = Header { width: word(8), height: word(12), bit_depth: chunk[16], color_type: chunk[17] };
    if h.width == 0 || h.height == 0 {
        return Err(format!("the PNG claims {} × {} pixels", h.width, h.height));
    }
    Ok(h)
}

/// Bytes the image takes once decoded with its samples expanded: palette images become RGB
/// with alpha at worst, depths below 8 become 8, 16 stays 16 (PNG specification, table 11.1).
pub fn decoded_bytes(h: &Header) -> u64 {
    let channels: u64 = match h.color_type {
        0 => 2, // grey, perhaps with alpha from tRNS
        4 => 2,
        3 | 6 => 4,
        _ => 4, // 2 (RGB), with alpha from tRNS at worst
    };
    let bytes_per_sample = if h.bit_depth == 16 { 2 } else { 1 };
    u64::from(h.width) * u64::from(h.height) * channels * bytes_per_sample
}

/// Checks the header against the limits, then decodes the image once.
pub fn check(data: &[u8]) -> Result<(), String> {
    let h = header(data)?;
    let pixels = u64::from(h.width) * u64::from(h.height);
    if pixels > MAX_PIXELS {
        return Err(format!(
            "the PNG is {} × {} pixels; an emblem may have at most {} megapixels",
            h.width,
            h.height,
            MAX_PIXELS / 1_000_000
        ));
    }
    let bytes = decoded_bytes(&h);
    if bytes > MAX_DECODED_BYTES {
        return Err(format!(
            "the PNG ({} × {} pixels, {}-bit) would take {} MiB once decoded; at most {} MiB",
            h.width,
            h.height,
            h.bit_depth,
            bytes.div_ceil(1024 * 1024),
            MAX_DECODED_BYTES / (1024 * 1024)
        ));
    }
    decode(data).map_err(|e| format!("the PNG file is damaged or cut short ({e})"))
}

/// Decodes the first frame the way the PDF writer (krilla) does, with expanded samples.
fn decode(data: &[u8]) -> Result<(), ::png::DecodingError> {
    // Room for the frame plus the decoder's own buffers.
    let limits = ::png::Limits { bytes: (MAX_DECODED_BYTES as usize).saturating_mul(2) };
    let mut decoder = ::png::Decoder::new_with_limits(std::io::Cursor::new(data), limits);
    decoder.set_transformations(::png::Transformations::EXPAND);
    let mut reader = decoder.read_info()?;
    let size = reader.output_buffer_size().ok_or(::png::DecodingError::LimitsExceeded)?;
    let mut frame = vec![0; size];
    reader.next_frame(&mut frame)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A PNG signature and IHDR chunk (CRC not checked by `header`).
    fn ihdr(width: u32, height: u32, bit_depth: u8, color_type: u8) -> Vec<u8> {
        let mut d = SIGNATURE.to_vec();
        d.extend(13u32.to_be_bytes());
        d.extend(b"IHDR");
        d.extend(width.to_be_bytes());
        d.extend(height.to_be_bytes());
        d.extend([bit_depth, color_type, 0, 0, 0]);
        d.extend([0; 4]);
        d
    }

    #[test]
    fn the_header_is_read_before_any_decoding() {
        let h = header(&ihdr(100_000, 100_000, 8, 6)).expect("header");
        assert_eq!((h.width, h.height), (100_000, 100_000));
        let err = check(&ihdr(100_000, 100_000, 8, 6)).unwrap_err();
        assert!(err.contains("100000 × 100000") && err.contains("40 megapixels"), "{err}");
    }

    #[test]
    fn sixteen_bit_samples_count_twice() {
        // 6000 × 6000 is 36 megapixels: under the pixel limit, but 16-bit RGBA is 275 MiB.
        let err = check(&ihdr(6000, 6000, 16, 6)).unwrap_err();
        assert!(err.contains("MiB once decoded"), "{err}");
        assert_eq!(decoded_bytes(&header(&ihdr(6000, 6000, 8, 0)).expect("header")), 72_000_000);
    }

    #[test]
    fn a_cut_header_or_a_zero_size_is_refused() {
        assert!(header(&ihdr(10, 10, 8, 6)[..20]).unwrap_err().contains("cut short"));
        assert!(header(&ihdr(0, 10, 8, 6)).is_err());
    }
}
