//! An .xls (BIFF8 in an OLE compound file; WPS's .et is the same) is checked before calamine
//! reads it. calamine trusts the file: its compound-file reader follows sector chains without
//! looking for cycles, sizes buffers from header fields, and its BIFF reader builds a dense grid
//! from the first to the last cell of every sheet at once. So here the compound file is read with
//! every chain and size bounded, the `Workbook` stream's records are walked once (framing, sheet
//! offsets, the grids calamine will build), and calamine is then given a fresh compound file
//! holding only that stream, laid out plainly. The walk also finds the hidden rows, which
//! calamine does not expose.

/// Grid cells calamine may build for all sheets together (values and formulas both count): a
/// register of 100 000 rows by 40 columns fits in it.
pub const MAX_CELLS: u64 = 1 << 23;
/// Hidden rows remembered per sheet.
const MAX_HIDDEN: usize = 100_000;

const FREESECT: u32 = 0xFFFF_FFFF;
const ENDOFCHAIN: u32 = 0xFFFF_FFFE;
const FATSECT: u32 = 0xFFFF_FFFD;
const MAXREGSECT: u32 = 0xFFFF_FFFA;
const OLE_MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

#[derive(Debug, PartialEq, Eq)]
pub enum XlsGuardError {
    /// Has an open password (BIFF `FilePass`, or an encrypted OOXML package in an OLE file).
    Encrypted,
    /// The grids calamine would build hold more than `MAX_CELLS` cells.
    TooManyCells { cells: u64 },
    /// The compound file or its records are broken (what and where).
    Damaged(String),
}

/// What the record walk found about one sheet (in workbook order).
#[derive(Debug, Default, PartialEq, Eq)]
pub struct BiffSheet {
    /// 1-based rows whose ROW record says hidden (`fDyZero`).
    pub hidden_rows: Vec<u64>,
}

/// Check an OLE file and return (a plain compound file for calamine, what each sheet hides).
pub fn prepare(file: &[u8]) -> Result<(Vec<u8>, Vec<BiffSheet>), XlsGuardError> {
    let stream = workbook_stream(file)?;
    let sheets = scan_biff(&stream)?;
    Ok((plain_compound_file(&stream), sheets))
}

fn damaged(what: impl Into<String>) -> XlsGuardError {
    XlsGuardError::Damaged(what.into())
}

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

fn u64_at(b: &[u8], at: usize) -> Option<u64> {
    Some(u64::from_le_bytes(b.get(at..at + 8)?.try_into().ok()?))
}

/// The sectors of an OLE file, every lookup bounded by the file's real size.
struct Sectors<'a> {
    body: &'a [u8],
    size: usize,
    fat: Vec<u32>,
}

impl<'a> Sectors<'a> {
    fn count(&self) -> usize {
        self.body.len().div_ceil(self.size)
    }

    fn get(&self, id: u32) -> Result<&'a [u8], XlsGuardError> {
        let start = (id as usize)
            .checked_mul(self.size)
            .filter(|s| *s < self.body.len())
            .ok_or_else(|| damaged(format!("sector {id} lies beyond the end of the file")))?;
        Ok(&self.body[start..(start + self.size).min(self.body.len())])
    }

    /// The sectors of the chain starting at `start`, at most `limit` bytes of them.
    fn chain(&self, start: u32, limit: usize) -> Result<Vec<u8>, XlsGuardError> {
        let mut out = Vec::new();
        let mut id = start;
        let mut steps = 0usize;
        while id != ENDOFCHAIN && out.len() < limit {
            steps += 1;
            if steps > self.count() {
                return Err(damaged("a sector chain loops"));
            }
            out.extend_from_slice(self.get(id)?);
            id = *self
                .fat
                .get(id as usize)
                .ok_or_else(|| damaged(format!("sector {id} has no allocation entry")))?;
        }
        Ok(out)
    }
}

/// The `Workbook` (BIFF8) or `Book` (BIFF5) stream of an OLE compound file.
pub fn workbook_stream(file: &[u8]) -> Result<Vec<u8>, XlsGuardError> {
    if file.len() < 512 || !file.starts_with(&OLE_MAGIC) {
        return Err(damaged("shorter than the 512-byte header of an OLE file"));
    }
    let size = match u16_at(file, 30) {
        Some(9) => 512,
        Some(12) => 4096,
        _ => return Err(damaged("the OLE header names no valid sector size")),
    };
    if u16_at(file, 32) != Some(6) {
        return Err(damaged("the OLE header names no valid mini-sector size"));
    }
    let header = |at| u32_at(file, at).unwrap_or(ENDOFCHAIN);
    let (dir_start, minifat_start, difat_start) = (header(48), header(60), header(68));
    let body = file.get(size..).unwrap_or_default();
    let mut sectors = Sectors {
        body,
        size,
        fat: Vec::new(),
    };
    // The sectors that hold the allocation table: 109 in the header, then a chain of DIFAT
    // sectors, each ending with the next one's id.
    let mut fat_ids: Vec<u32> = (0..109).filter_map(|i| u32_at(file, 76 + 4 * i)).collect();
    let mut next = difat_start;
    let mut seen = 0usize;
    while next <= MAXREGSECT {
        seen += 1;
        if seen > sectors.count() {
            return Err(damaged("the DIFAT chain loops"));
        }
        let s = sectors.get(next)?;
        let entries = size / 4 - 1;
        fat_ids.extend((0..entries).filter_map(|i| u32_at(s, 4 * i)));
        next = u32_at(s, 4 * entries).unwrap_or(ENDOFCHAIN);
    }
    let mut fat = Vec::new();
    for id in fat_ids.into_iter().filter(|id| *id <= MAXREGSECT) {
        if fat.len() > sectors.count() + size / 4 {
            return Err(damaged("the allocation table is longer than the file"));
        }
        let s = sectors.get(id)?;
        fat.extend((0..s.len() / 4).filter_map(|i| u32_at(s, 4 * i)));
    }
    sectors.fat = fat;
    let dir = sectors.chain(dir_start, file.len())?;
    let entries: Vec<&[u8]> = dir.chunks_exact(128).collect();
    let root = entries
        .first()
        .ok_or_else(|| damaged("the OLE file has no directory"))?;
    let name_of = |e: &[u8]| -> String {
        let len = (u16_at(e, 64).unwrap_or(0) as usize).min(64);
        let units: Vec<u16> = (0..len / 2).filter_map(|i| u16_at(e, 2 * i)).collect();
        String::from_utf16_lossy(&units)
            .trim_end_matches('\0')
            .to_string()
    };
    let stream_len = |e: &[u8]| -> u64 {
        if size == 512 {
            u32_at(e, 120).map_or(0, u64::from)
        } else {
            u64_at(e, 120).unwrap_or(0)
        }
    };
    let names: Vec<String> = entries.iter().map(|e| name_of(e)).collect();
    if names.iter().any(|n| n == "EncryptedPackage") {
        return Err(XlsGuardError::Encrypted);
    }
    let entry = ["Workbook", "Book"]
        .iter()
        .find_map(|want| {
            entries
                .iter()
                .zip(&names)
                .find(|(e, n)| n == want && e.get(66) == Some(&2))
        })
        .map(|(e, _)| *e)
        .ok_or_else(|| damaged("the OLE file holds no Workbook stream (it is not an .xls)"))?;
    let len = stream_len(entry);
    if len > file.len() as u64 {
        return Err(damaged(
            "the Workbook stream is said to be longer than the file",
        ));
    }
    let len = len as usize;
    let start = u32_at(entry, 116).unwrap_or(ENDOFCHAIN);
    let mut stream = if len < 4096 {
        // Small streams live in 64-byte mini sectors inside the root entry's stream.
        let mini = sectors.chain(
            u32_at(root, 116).unwrap_or(ENDOFCHAIN),
            stream_len(root).min(file.len() as u64) as usize,
        )?;
        let minifat_bytes = sectors.chain(minifat_start, file.len())?;
        let minifat: Vec<u32> = (0..minifat_bytes.len() / 4)
            .filter_map(|i| u32_at(&minifat_bytes, 4 * i))
            .collect();
        let mut out = Vec::with_capacity(len);
        let mut id = start;
        let mut steps = 0usize;
        while id != ENDOFCHAIN && out.len() < len {
            steps += 1;
            let at = (id as usize).saturating_mul(64);
            if steps > minifat.len() + 1 || at >= mini.len() {
                return Err(damaged("the Workbook stream's mini-sector chain is broken"));
            }
            out.extend_from_slice(&mini[at..(at + 64).min(mini.len())]);
            id = minifat.get(id as usize).copied().unwrap_or(ENDOFCHAIN);
        }
        out
    } else {
        sectors.chain(start, len)?
    };
    if stream.len() < len {
        return Err(damaged(format!(
            "the Workbook stream ends after {} of its {len} bytes (the file is cut short)",
            stream.len()
        )));
    }
    stream.truncate(len);
    Ok(stream)
}

/// One BIFF record: (type, data, offset of the record in the stream).
fn records(
    stream: &[u8],
    from: usize,
) -> impl Iterator<Item = Result<(u16, &[u8], usize), XlsGuardError>> {
    let mut pos = from;
    std::iter::from_fn(move || {
        if pos >= stream.len() {
            return None;
        }
        let at = pos;
        let (Some(typ), Some(len)) = (u16_at(stream, at), u16_at(stream, at + 2)) else {
            pos = stream.len();
            return Some(Err(damaged(format!("a record at byte {at} is cut short"))));
        };
        let end = at + 4 + len as usize;
        if end > stream.len() {
            pos = stream.len();
            return Some(Err(damaged(format!(
                "the record at byte {at} runs past the end of the stream"
            ))));
        }
        pos = end;
        Some(Ok((typ, &stream[at + 4..end], at)))
    })
}

/// Walk the records calamine will read and check what it relies on without checking.
pub fn scan_biff(stream: &[u8]) -> Result<Vec<BiffSheet>, XlsGuardError> {
    let short =
        |what: &str, at: usize| damaged(format!("the {what} record at byte {at} is too short"));
    let mut offsets = Vec::new();
    for rec in records(stream, 0) {
        let (typ, data, at) = rec?;
        match typ {
            0x000A => break,
            0x002F if data.len() < 2 => return Err(short("FilePass", at)),
            0x002F if u16_at(data, 0) != Some(0) => return Err(XlsGuardError::Encrypted),
            0x0042 | 0x0022 | 0x0809 if data.len() < 2 => return Err(short("header", at)),
            0x0085 => {
                let pos = u32_at(data, 0).ok_or_else(|| short("BoundSheet", at))? as usize;
                if data.len() < 8 {
                    return Err(short("BoundSheet", at));
                }
                if pos >= stream.len() {
                    return Err(damaged(format!(
                        "a sheet is said to start at byte {pos}, beyond the stream's {} bytes",
                        stream.len()
                    )));
                }
                offsets.push(pos);
            }
            0x0018 => {
                let cce = u16_at(data, 4).ok_or_else(|| short("Lbl", at))? as usize;
                let cch = *data.get(3).ok_or_else(|| short("Lbl", at))? as usize;
                if data.len() < 14 + cce || data.len() < 14 + cch {
                    return Err(short("Lbl", at));
                }
            }
            0x0017 if data.len() < 2 => return Err(short("ExternSheet", at)),
            _ => {}
        }
    }
    let mut total = 0u64;
    let mut sheets = Vec::with_capacity(offsets.len());
    for start in offsets {
        let mut sheet = BiffSheet::default();
        let mut bbox: Option<(u32, u32, u32, u32)> = None;
        let mut reserve = 0u64;
        let mut take = |row: u32, first: u32, last: u32| {
            let b = bbox.get_or_insert((row, row, first, last));
            *b = (b.0.min(row), b.1.max(row), b.2.min(first), b.3.max(last));
        };
        for rec in records(stream, start) {
            let (typ, data, at) = rec?;
            match typ {
                0x000A => break,
                0x0200 => {
                    let (rf, rl, cf, cl) = match data.len() {
                        10 => (
                            u16_at(data, 0).map(u32::from),
                            u16_at(data, 2).map(u32::from),
                            u16_at(data, 4),
                            u16_at(data, 6),
                        ),
                        14 => (
                            u32_at(data, 0),
                            u32_at(data, 4),
                            u16_at(data, 8),
                            u16_at(data, 10),
                        ),
                        _ => return Err(short("Dimensions", at)),
                    };
                    let (Some(rf), Some(rl), Some(cf), Some(cl)) = (rf, rl, cf, cl) else {
                        return Err(short("Dimensions", at));
                    };
                    if rl < rf || cl < cf {
                        return Err(damaged(format!(
                            "the Dimensions record at byte {at} ends before it starts"
                        )));
                    }
                    reserve = (u64::from(rl - rf) + 1) * (u64::from(cl - cf) + 1);
                }
                0x0203 | 0x0204 | 0x0205 | 0x027E | 0x00FD | 0x0006 | 0x0207 => {
                    let need = match typ {
                        0x0006 => 20,
                        0x0207 => 0,
                        0x00FD => 10,
                        _ => 6,
                    };
                    if data.len() < need {
                        return Err(short("cell", at));
                    }
                    if let (Some(r), Some(c)) = (u16_at(data, 0), u16_at(data, 2)) {
                        if typ != 0x0207 {
                            take(u32::from(r), u32::from(c), u32::from(c));
                        }
                    }
                }
                0x00BD => {
                    let (Some(r), Some(first), Some(last)) = (
                        u16_at(data, 0),
                        u16_at(data, 2),
                        u16_at(data, data.len().saturating_sub(2)),
                    ) else {
                        return Err(short("MulRk", at));
                    };
                    if data.len() < 6 || last < first {
                        return Err(short("MulRk", at));
                    }
                    take(u32::from(r), u32::from(first), u32::from(last));
                }
                0x00E5 => {
                    let n = u16_at(data, 0).ok_or_else(|| short("MergeCells", at))? as usize;
                    if data.len() < 2 + 8 * n {
                        return Err(short("MergeCells", at));
                    }
                }
                0x0208 => {
                    let (Some(r), Some(flags)) = (u16_at(data, 0), u16_at(data, 12)) else {
                        return Err(short("Row", at));
                    };
                    if flags & 0x0020 != 0 && sheet.hidden_rows.len() < MAX_HIDDEN {
                        sheet.hidden_rows.push(u64::from(r) + 1);
                    }
                }
                _ => {}
            }
        }
        let grid = bbox.map_or(0, |(r0, r1, c0, c1)| {
            (u64::from(r1 - r0) + 1) * (u64::from(c1 - c0) + 1)
        });
        // Values and formulas are each a grid of the same extent; the reservation comes first.
        total = total
            .saturating_add(grid.saturating_mul(2))
            .saturating_add(reserve);
        if total > MAX_CELLS {
            return Err(XlsGuardError::TooManyCells { cells: total });
        }
        sheet.hidden_rows.sort_unstable();
        sheet.hidden_rows.dedup();
        sheets.push(sheet);
    }
    Ok(sheets)
}

/// A compound file (version 4, 4096-byte sectors) holding `stream` as `Workbook` and nothing
/// else: the allocation sectors first, then the directory, then the stream in one run.
pub fn plain_compound_file(stream: &[u8]) -> Vec<u8> {
    const SECTOR: usize = 4096;
    // Streams under 4096 bytes would go to the mini stream; zeros after the last record are
    // never read (every sheet ends at its EOF record, and a zero record is four bytes long).
    let len = stream.len().max(SECTOR);
    let data_sectors = len.div_ceil(SECTOR);
    let mut fat_sectors = 1;
    while fat_sectors * (SECTOR / 4) < fat_sectors + 1 + data_sectors {
        fat_sectors += 1;
    }
    let dir = fat_sectors as u32;
    let mut out = vec![0u8; SECTOR * (1 + fat_sectors + 1) + data_sectors * SECTOR];
    out[..8].copy_from_slice(&OLE_MAGIC);
    let put16 =
        |o: &mut Vec<u8>, at: usize, v: u16| o[at..at + 2].copy_from_slice(&v.to_le_bytes());
    let put32 =
        |o: &mut Vec<u8>, at: usize, v: u32| o[at..at + 4].copy_from_slice(&v.to_le_bytes());
    put16(&mut out, 24, 0x003E);
    put16(&mut out, 26, 4);
    put16(&mut out, 28, 0xFFFE);
    put16(&mut out, 30, 12);
    put16(&mut out, 32, 6);
    put32(&mut out, 40, 1);
    put32(&mut out, 44, fat_sectors as u32);
    put32(&mut out, 48, dir);
    put32(&mut out, 56, 4096);
    put32(&mut out, 60, ENDOFCHAIN);
    put32(&mut out, 64, 0);
    put32(&mut out, 68, ENDOFCHAIN);
    put32(&mut out, 72, 0);
    for i in 0..109 {
        let v = if i < fat_sectors { i as u32 } else { FREESECT };
        put32(&mut out, 76 + 4 * i, v);
    }
    let total_sectors = fat_sectors * (SECTOR / 4);
    for id in 0..total_sectors {
        let v = if id < fat_sectors {
            FATSECT
        } else if id == fat_sectors {
            ENDOFCHAIN
        } else if id <= fat_sectors + data_sectors {
            if id == fat_sectors + data_sectors {
                ENDOFCHAIN
            } else {
                id as u32 + 1
            }
        } else {
            FREESECT
        };
        put32(&mut out, SECTOR + 4 * id, v);
    }
    let entry =
        |o: &mut Vec<u8>, index: usize, name: &str, typ: u8, child: u32, start: u32, size: u64| {
            let at = SECTOR * (1 + fat_sectors) + 128 * index;
            let units: Vec<u16> = name.encode_utf16().collect();
            for (i, u) in units.iter().enumerate() {
                o[at + 2 * i..at + 2 * i + 2].copy_from_slice(&u.to_le_bytes());
            }
            o[at + 64..at + 66].copy_from_slice(&((units.len() as u16 + 1) * 2).to_le_bytes());
            o[at + 66] = typ;
            o[at + 67] = 1;
            for (off, v) in [(68, FREESECT), (72, FREESECT), (76, child), (116, start)] {
                o[at + off..at + off + 4].copy_from_slice(&v.to_le_bytes());
            }
            o[at + 120..at + 128].copy_from_slice(&size.to_le_bytes());
        };
    // The root's start is never followed (there is no mini stream) but must not be
    // ENDOFCHAIN, which calamine takes for an empty root in a version-4 file.
    entry(&mut out, 0, "Root Entry", 5, 1, FREESECT, 0);
    entry(&mut out, 1, "Workbook", 2, FREESECT, dir + 1, len as u64);
    for i in 2..SECTOR / 128 {
        let at = SECTOR * (1 + fat_sectors) + 128 * i;
        for off in [68, 72, 76] {
            out[at + off..at + off + 4].copy_from_slice(&FREESECT.to_le_bytes());
        }
    }
    let data_at = SECTOR * (2 + fat_sectors);
    out[data_at..data_at + stream.len()].copy_from_slice(stream);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(typ: u16, data: &[u8]) -> Vec<u8> {
        let mut r = typ.to_le_bytes().to_vec();
        r.extend_from_slice(&(data.len() as u16).to_le_bytes());
        r.extend_from_slice(data);
        r
    }

    #[test]
    fn a_plain_file_gives_its_stream_back() {
        for n in [10usize, 5000, 9000] {
            let stream: Vec<u8> = (0..n).map(|i| (i % 251) as u8).collect();
            let file = plain_compound_file(&stream);
            let back = workbook_stream(&file).unwrap();
            assert_eq!(&back[..n], &stream[..], "{n}");
            assert!(back[n..].iter().all(|b| *b == 0));
        }
    }

    #[test]
    fn hidden_rows_and_oversized_grids() {
        let mut row = vec![0u8; 16];
        row[0] = 9; // row 10
        row[12] = 0x20;
        let mut globals = record(0x0809, &[0, 6, 5, 0]);
        let sheet_at = globals.len() + 12 + 4;
        let mut bound = (sheet_at as u32).to_le_bytes().to_vec();
        bound.extend_from_slice(&[0, 0, 1, 0]);
        globals.extend(record(0x0085, &bound));
        globals.extend(record(0x000A, &[]));
        let mut stream = globals.clone();
        stream.extend(record(0x0208, &row));
        stream.extend(record(0x0203, &[0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]));
        stream.extend(record(0x000A, &[]));
        assert_eq!(
            scan_biff(&stream).unwrap(),
            vec![BiffSheet {
                hidden_rows: vec![10]
            }]
        );
        // Two cells at opposite corners of a sheet 65 536 by 256.
        let mut far = globals;
        far.extend(record(0x0203, &[0; 14]));
        far.extend(record(
            0x0203,
            &[0xFF, 0xFF, 0xFF, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
        ));
        far.extend(record(0x000A, &[]));
        assert!(matches!(
            scan_biff(&far),
            Err(XlsGuardError::TooManyCells { .. })
        ));
    }

    #[test]
    fn broken_compound_files_are_refused_not_followed() {
        let good = plain_compound_file(&[0u8; 100]);
        assert!(workbook_stream(&good[..600]).is_err());
        let mut looping = good.clone();
        // The directory sector's allocation entry points back at itself.
        let dir = 1usize;
        looping[4096 + 4 * dir..4096 + 4 * dir + 4].copy_from_slice(&(dir as u32).to_le_bytes());
        assert!(matches!(
            workbook_stream(&looping),
            Err(XlsGuardError::Damaged(_))
        ));
        let mut random = OLE_MAGIC.to_vec();
        random.extend((0..5000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8));
        assert!(workbook_stream(&random).is_err());
    }
}
