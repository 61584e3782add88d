//! Files the tests make: images, and paths as arguments.

#![allow(dead_code)]

use std::path::Path;

/// A path as a command-line argument.
pub fn path_arg(p: &Path) -> &str {
    p.to_str().expect("UTF-8 temp path")
}

/// A PNG encoded by the png crate: `width` × `height` RGB pixels of a pattern.
pub fn png_file(width: u32, height: u32) -> Vec<u8> {
    let mut bytes = Vec::new();
    let mut encoder = png::Encoder::new(&mut bytes, width, height);
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.write_header().expect("header");
    let pixels: Vec<u8> = (0..width * height * 3).map(|i| (i * 37 % 251) as u8).collect();
    writer.write_image_data(&pixels).expect("pixels");
    writer.finish().expect("end");
    bytes
}
