//! Tests of decoding, encoding and the round-trip checks.

use super::*;

#[test]
fn utf8_with_and_without_bom() {
    let d = decode("附件".as_bytes()).unwrap();
    assert_eq!(
        (d.text(), d.encoding(), d.has_bom()),
        ("附件", Encoding::Utf8, false)
    );
    assert!(matches!(d.into_text(), Cow::Borrowed(_)));
    let d = decode(b"\xEF\xBB\xBF\xE9\x99\x84").unwrap();
    assert_eq!((d.text(), d.has_bom()), ("附", true));
}

#[test]
fn utf16_round_trip() {
    for encoding in [Encoding::Utf16Le, Encoding::Utf16Be] {
        let bytes = encode("附件：\r\n东疆", encoding, true).unwrap();
        let d = decode(&bytes).unwrap();
        assert_eq!((d.text(), d.encoding()), ("附件：\r\n东疆", encoding));
        assert_eq!(encode(d.text(), encoding, true).unwrap(), bytes);
    }
}

#[test]
fn lone_surrogate_in_utf16_is_an_error_with_offset() {
    let mut bytes = encode("附件", Encoding::Utf16Le, true).unwrap();
    bytes.extend_from_slice(&[0x00, 0xD8, 0x41, 0x00]);
    let err = decode(&bytes).unwrap_err();
    assert_eq!(err.code(), Code::UndecodableInput);
    assert_eq!(err.span().start, 6);
}

#[test]
fn gb18030_detected_and_round_trips() {
    let text = "附件：\n东疆重点任务清单和责任分工表\n\t序号\n";
    let bytes = encode(text, Encoding::Gb18030, false).unwrap();
    let d = decode(&bytes).unwrap();
    assert_eq!((d.text(), d.encoding()), (text, Encoding::Gb18030));
}

/// A small task table in traditional Chinese.
const TRADITIONAL: &str = "附件：\n東疆重點任務清單和責任分工表\n\t序號\n\t工作任務\n\t濱海新區\n責任單位\n\t東疆\n責任單位\n\n\t（一）加大援企穩崗力度\n\t1\n\t繼續階段性降低本市失業保險繳費費率。\n\t區人社局\n\t人社局\n";

#[test]
fn big5_is_read_as_big5_not_as_garbled_gb18030() {
    let (bytes, _, unmappable) = encoding_rs::BIG5.encode(TRADITIONAL);
    assert!(!unmappable);
    // The same bytes are valid GB18030, as other characters.
    let (garbled, malformed) = encoding_rs::GB18030.decode_without_bom_handling(&bytes);
    assert!(!malformed);
    assert_ne!(garbled, TRADITIONAL);
    for d in [decode(&bytes).unwrap(), decode_vec(bytes.to_vec()).unwrap()] {
        assert_eq!((d.text(), d.encoding()), (TRADITIONAL, Encoding::Big5));
        assert_eq!(d.confidence(), Confidence::Guessed);
        assert_eq!(d.alternative(), Some(Encoding::Gb18030));
        let note = d.note().unwrap();
        assert!(note.starts_with("read as Big5, "), "{note}");
    }
    assert_eq!(
        encode(TRADITIONAL, Encoding::Big5, false).unwrap(),
        &bytes[..]
    );
}

#[test]
fn a_whole_gb18030_document_is_certain() {
    let text = include_str!("../../seeds/000_ecc403549f0e7389.txt");
    let bytes = encode(text, Encoding::Gb18030, false).unwrap();
    let d = decode(&bytes).unwrap();
    assert_eq!((d.text(), d.encoding()), (text, Encoding::Gb18030));
    // Not valid Big5: nothing else reads it.
    assert_eq!(
        (d.confidence(), d.alternative(), d.note()),
        (Confidence::Certain, None, None)
    );
}

#[test]
fn too_little_text_to_tell_assumes_gb18030_and_says_so() {
    // Two characters of GB18030 that are valid Big5 too; chardetng
    // guesses neither.
    let bytes = encode("附件", Encoding::Gb18030, false).unwrap();
    let d = decode(&bytes).unwrap();
    assert_eq!((d.text(), d.encoding()), ("附件", Encoding::Gb18030));
    assert_eq!(d.confidence(), Confidence::Assumed);
    assert_eq!(d.alternative(), Some(Encoding::Big5));
    assert_eq!(
            d.note().unwrap(),
            "read as GB18030, assumed for lack of text to tell; its bytes are valid Big5 too: if the text looks garbled, save the document as UTF-8"
        );
}

#[test]
fn a_longer_simplified_text_is_guessed_gb18030() {
    let text = "附件：\n东疆重点任务清单和责任分工表\n\t序号\n\t工作任务\n";
    let bytes = encode(text, Encoding::Gb18030, false).unwrap();
    let d = decode(&bytes).unwrap();
    assert_eq!((d.text(), d.encoding()), (text, Encoding::Gb18030));
    assert_ne!(d.confidence(), Confidence::Assumed);
}

#[test]
fn byte_order_marks_and_utf8_are_certain() {
    let utf16 = encode("附件", Encoding::Utf16Le, true).unwrap();
    for bytes in [&b"abc"[..], "附件".as_bytes(), b"\xEF\xBB\xBFab", &utf16] {
        let d = decode(bytes).unwrap();
        assert_eq!(
            (d.confidence(), d.alternative()),
            (Confidence::Certain, None)
        );
        let d = decode_vec(bytes.to_vec()).unwrap();
        assert_eq!(
            (d.confidence(), d.alternative()),
            (Confidence::Certain, None)
        );
    }
}

#[test]
fn is_valid_reads_past_its_buffer() {
    let text = "附件".repeat(5000);
    let gb = encode(&text, Encoding::Gb18030, false).unwrap();
    assert!(is_valid(Encoding::Gb18030, &gb));
    let mut broken = gb.clone();
    broken.push(0x81);
    assert!(!is_valid(Encoding::Gb18030, &broken));
    assert!(is_valid(Encoding::Big5, b""));
}

#[test]
fn invalid_everywhere_names_offsets() {
    let mut bytes = b"ab\ncd".to_vec();
    bytes.extend_from_slice(&[0xFF, 0xFF, 0xFF]);
    let err = decode(&bytes).unwrap_err();
    assert_eq!(err.span().start, 5);
    assert_eq!((err.line(), err.column()), (2, 3));
    let note = &err.primary().notes()[0];
    assert!(note.contains("UTF-8 fails at byte 5"), "{note}");
    assert!(note.contains("GB18030 fails at byte 5"), "{note}");
}

#[test]
fn decode_vec_agrees_with_decode() {
    let gb = encode("附件：东疆", Encoding::Gb18030, false).unwrap();
    let utf16 = encode("附件", Encoding::Utf16Le, true).unwrap();
    let cases: [&[u8]; 6] = [
        b"abc",
        b"\xEF\xBB\xBFabc",
        &gb,
        &utf16,
        b"ab\xFF\xFF",
        b"\xEF\xBB\xBFab\xFF",
    ];
    for bytes in cases {
        let owned = decode_vec(bytes.to_vec());
        match decode(bytes) {
            Ok(d) => {
                let o = owned.unwrap();
                assert_eq!(
                    (o.text(), o.encoding(), o.has_bom()),
                    (d.text(), d.encoding(), d.has_bom())
                );
                assert_eq!(
                    (o.confidence(), o.alternative()),
                    (d.confidence(), d.alternative())
                );
            }
            Err(e) => assert_eq!(owned.unwrap_err().span(), e.span()),
        }
    }
}

#[test]
fn a_byte_order_mark_takes_no_column() {
    let err = decode(b"\xEF\xBB\xBFab\xFF").unwrap_err();
    assert_eq!((err.line(), err.column(), err.span().start), (1, 3, 5));
    let mut bytes = encode("ab", Encoding::Utf16Le, true).unwrap();
    bytes.extend_from_slice(&[0x00, 0xDC]);
    let err = decode(&bytes).unwrap_err();
    assert_eq!((err.line(), err.column()), (1, 3));
}

fn big5(bytes: &[u8]) -> Decoded<'static> {
    Decoded {
        text: Cow::Owned(decode_strict(Encoding::Big5, bytes).unwrap()),
        encoding: Encoding::Big5,
        bom: false,
        confidence: Confidence::Certain,
        alternative: None,
    }
}

#[test]
fn every_encoding_round_trips() {
    let simplified = "附件：\r\n东疆重点任务清单和责任分工表\n\t序号\n\t（一）加大援企稳岗力度\n";
    // Big5 is for traditional characters (and is told apart by them).
    let traditional = "附件：\r\n東疆重點任務清單和責任分工表\n\t序號\n\t（一）加大援企穩崗力度\n";
    for (encoding, bom) in [
        (Encoding::Utf8, false),
        (Encoding::Utf8, true),
        (Encoding::Utf16Le, true),
        (Encoding::Utf16Be, true),
        (Encoding::Gb18030, false),
        (Encoding::Big5, false),
    ] {
        let text = if encoding == Encoding::Big5 {
            traditional
        } else {
            simplified
        };
        let bytes = encode(text, encoding, bom).unwrap();
        // Telling Big5 from GB18030 is the detector's business (it is
        // told that the documents are from mainland China).
        let d = if encoding == Encoding::Big5 {
            big5(&bytes)
        } else {
            decode(&bytes).unwrap()
        };
        assert_eq!(
            (d.text(), d.encoding(), d.has_bom()),
            (text, encoding, bom),
            "{encoding} {bom}"
        );
        assert_eq!(round_trip_error(&bytes, &d), None, "{encoding} {bom}");
        assert_eq!(encode(d.text(), encoding, bom).unwrap(), bytes);
    }
}

#[test]
fn gb18030_bytes_that_do_not_come_back() {
    let mut bytes = encode("附件：\n东疆\n", Encoding::Gb18030, false).unwrap();
    let at = bytes.len();
    // `80` decodes to € (written A2 E3), `A3 A0` to U+3000 (written A1 A1).
    for odd in [&[0x80][..], &[0xA3, 0xA0]] {
        let mut odd_bytes = bytes.clone();
        odd_bytes.extend_from_slice(odd);
        odd_bytes.extend_from_slice(b"\n");
        let d = decode(&odd_bytes).unwrap();
        assert_eq!(d.encoding(), Encoding::Gb18030);
        assert_eq!(round_trip_error(&odd_bytes, &d), Some(at), "{odd:X?}");
        assert_ne!(encode(d.text(), d.encoding(), false).unwrap(), odd_bytes);
    }
    bytes.extend_from_slice(&[0xA2, 0xE3]);
    let d = decode(&bytes).unwrap();
    assert!(d.text().ends_with('€'));
    assert_eq!(round_trip_error(&bytes, &d), None);
}

#[test]
fn big5_bytes_that_do_not_come_back() {
    // `87 40` is an HKSCS character that the Big5 encoder does not write.
    let mut bytes = encode("附件\n", Encoding::Big5, false).unwrap();
    let at = bytes.len();
    bytes.extend_from_slice(&[0x87, 0x40, b'\n']);
    let d = big5(&bytes);
    assert_eq!(round_trip_error(&bytes, &d), Some(at));
    let err = encode(d.text(), Encoding::Big5, false).unwrap_err();
    assert_eq!(
        (err.offset(), err.encoding()),
        ("附件\n".len(), Encoding::Big5)
    );
}

#[test]
fn round_trip_errors_name_the_first_byte_of_the_character() {
    // A wrong byte order mark, a UTF-8 difference inside a character,
    // bytes left over.
    let d = decode(b"\xEF\xBB\xBFab").unwrap();
    assert_eq!(round_trip_error(b"ab", &d), Some(0));
    assert_eq!(
        first_difference("附件".as_bytes(), "附仵", Encoding::Utf8),
        Some(3)
    );
    assert_eq!(first_difference(b"abc", "ab", Encoding::Utf8), Some(2));
    let long = "附".repeat(20_000);
    let mut bytes = encode(&long, Encoding::Gb18030, false).unwrap();
    assert_eq!(first_difference(&bytes, &long, Encoding::Gb18030), None);
    bytes[30_001] ^= 1;
    assert_eq!(
        first_difference(&bytes, &long, Encoding::Gb18030),
        Some(30_000)
    );
    bytes.truncate(30_000);
    assert_eq!(
        first_difference(&bytes, &long, Encoding::Gb18030),
        Some(30_000)
    );
    let utf16 = encode("附件", Encoding::Utf16Be, true).unwrap();
    let d = decode(&utf16).unwrap();
    assert_eq!(round_trip_error(&utf16, &d), None);
    assert_eq!(round_trip_error(&utf16[..4], &d), Some(4));
}

/// A reader that hands out its bytes a few at a time, in the sizes given
/// (round and round), with an interruption now and then.
struct Trickle<'b> {
    bytes: &'b [u8],
    sizes: &'b [usize],
    turn: usize,
}

impl std::io::Read for Trickle<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        self.turn += 1;
        let size = self.sizes[self.turn % self.sizes.len()];
        if size == 0 && !self.bytes.is_empty() {
            return Err(std::io::ErrorKind::Interrupted.into());
        }
        let n = size.min(buf.len()).min(self.bytes.len());
        buf[..n].copy_from_slice(&self.bytes[..n]);
        self.bytes = &self.bytes[n..];
        Ok(n)
    }
}

/// `decode_reader` reads what `decode_vec` decodes, however the reads cut
/// the bytes: characters and byte order marks cut between reads, UTF-8
/// that fails late, legacy encodings and UTF-16.
#[test]
fn decode_reader_agrees_with_decode_vec() {
    let text = "附件：东疆\r\n一、（一）\t区商务局、东疆管委会\n".repeat(3);
    let gb = encode(&text, Encoding::Gb18030, false).unwrap();
    let big5 = encode("附件：東疆港區", Encoding::Big5, false).unwrap();
    let utf16 = encode(&text, Encoding::Utf16Be, true).unwrap();
    let mut late = text.as_bytes().to_vec();
    late.extend_from_slice(&gb);
    let mut cut = text.as_bytes().to_vec();
    cut.pop();
    let with_bom = [b"\xEF\xBB\xBF", text.as_bytes()].concat();
    let cases: [&[u8]; 12] = [
        b"",
        b"\xEF\xBB",
        b"\xEF\xBB\xBF",
        text.as_bytes(),
        &with_bom,
        &gb,
        &big5,
        &utf16,
        &late,
        &cut,
        b"\xEF\xBB\xBFab\xFF",
        b"\xEF\xBB\xBF\xEF\xBB\xBFab",
    ];
    let big = text.repeat(10_000); // more than one chunk
    let sizes: [&[usize]; 6] = [&[usize::MAX], &[1], &[2, 0, 3], &[4, 1], &[7], &[5, 0]];
    for bytes in cases.iter().copied().chain([big.as_bytes()]) {
        let expected = decode_vec(bytes.to_vec());
        for sizes in sizes {
            let reader = Trickle {
                bytes,
                sizes,
                turn: 0,
            };
            let read = decode_reader(reader, 0).unwrap();
            assert_eq!(read.bytes, bytes.len() as u64);
            match (&expected, read.decoded) {
                (Ok(e), Ok(d)) => assert_eq!(&d, e, "{sizes:?}"),
                (Err(e), Err(d)) => assert_eq!(d.to_string(), e.to_string()),
                (e, d) => panic!("{e:?} against {d:?}"),
            }
        }
    }
}
