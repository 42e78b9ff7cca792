//! Renames a unit in every task of a document and writes it back in its
//! own encoding (with its byte order mark, if it had one) and line
//! endings: only the bytes of the renamed names change.
//!
//! ```sh
//! cargo run --example rename -- FILE OLD NEW [OUT]
//! cargo run --example rename -- seeds/000_ecc403549f0e7389.txt 区工业信局 区工信局 fixed.txt
//! ```
//!
//! Without OUT, FILE itself is rewritten (plainly: `fengong check --fix`
//! and `fengong fmt --write` also keep the file's owner, mode and links,
//! and write atomically).

use std::error::Error;

fn main() -> Result<(), Box<dyn Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [file, old, new, rest @ ..] = args.as_slice() else {
        return Err("usage: rename FILE OLD NEW [OUT]".into());
    };
    let out = rest.first().unwrap_or(file);

    let bytes = std::fs::read(file)?;
    let decoded = fengong::source::decode(&bytes)?;
    let (encoding, bom) = (decoded.encoding(), decoded.has_bom());
    let mut doc = fengong::parse(decoded.text())?;

    let renamed = doc.rename_unit(old, new);
    if renamed == 0 {
        return Err(format!("no unit is named {old}").into());
    }
    // The document prints back its text, with only the edited bytes new.
    let text = doc.to_string();
    std::fs::write(out, fengong::source::encode(&text, encoding, bom)?)?;
    eprintln!("{old} → {new}: {renamed} renamed, written to {out} in {encoding}");
    Ok(())
}
