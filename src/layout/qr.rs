//! The QR code on the first page, drawn as vector modules (error correction level M).

use crate::error::Error;
use crate::units::Pt;
use qrcode::{Color, EcLevel, QrCode};

/// Dark modules of the QR code for `data` as rectangles (x, y, w, h) inside a square of side
/// `size`, runs of dark modules in a row merged into one rectangle.
pub fn modules(data: &str, size: Pt) -> Result<Vec<(Pt, Pt, Pt, Pt)>, Error> {
    let code = QrCode::with_error_correction_level(data.as_bytes(), EcLevel::M)
        .map_err(|e| Error::Layout(format!("QR code for `{data}`: {e}")))?;
    let n = code.width();
    let colors = code.to_colors();
    let module = size / n as f32;
    let mut rects = Vec::new();
    for row in 0..n {
        let mut col = 0;
        while col < n {
            if colors[row * n + col] == Color::Dark {
                let start = col;
                while col < n && colors[row * n + col] == Color::Dark {
                    col += 1;
                }
                rects.push((
                    module * start as f32,
                    module * row as f32,
                    module * (col - start) as f32,
                    module,
                ));
            } else {
                col += 1;
            }
        }
    }
    Ok(rects)
}
