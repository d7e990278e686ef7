//! Reviewers' Ed25519 signing keys. A key is generated on the reviewer's own machine and its
//! secret half never leaves it; only the public half (`<id>.pub`, with a fingerprint short enough
//! to read aloud over the phone) is registered in the roster. This module owns the two small text
//! file formats, checking public keys before anyone trusts them, and signing/verifying bytes. It
//! must not decide what gets signed or who may sign: that belongs to the callers.
//!
//! ```text
//! anjuan-secret-key-v1          anjuan-public-key-v1
//! reviewer: R03                 reviewer: R03
//! key: <64 hex secret seed>     key: <64 hex public key>
//!                               fingerprint: 1a2b-3c4d-5e6f-7a8b
//! ```
//!
//! Files travel on USB sticks between Windows machines, so a UTF-8 BOM and CRLF line ends are
//! accepted, as are blank lines and upper-case hex.

use crate::draw::ticket::{hex_bytes, unhex};
use crate::i18n::Lang;
use crate::tr;
use ed25519_dalek::{Signature, Signer, SigningKey, VerifyingKey};
use sha2::{Digest, Sha256};
use std::fmt;
use std::io::Write;
use std::path::{Path, PathBuf};

pub const SECRET_HEADER: &str = "anjuan-secret-key-v1";
pub const PUBLIC_HEADER: &str = "anjuan-public-key-v1";

/// Longest reviewer id accepted (characters); ids become file names.
pub const MAX_ID_CHARS: usize = 64;

/// What is wrong with a key file or a key (the `what` of [`KeyError::Malformed`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum KeyProblem {
    /// The bytes are not UTF-8 text.
    NotText,
    /// Neither a key file of this tool nor a bare 64-hex key.
    NotAKeyFile,
    /// A secret key file where a public one was expected: it must not be passed around.
    SecretGiven,
    /// A public key file where the secret one was expected.
    PublicGiven,
    /// `anjuan-…-key-vN` of another version.
    UnknownVersion {
        header: String,
    },
    MissingField {
        field: &'static str,
    },
    RepeatedField {
        field: &'static str,
    },
    UnknownField {
        field: String,
    },
    /// A line that is not `name: value`.
    NotAField,
    /// Counted in characters.
    WrongLength {
        expected: usize,
        found: usize,
    },
    NotHex,
    /// 32 bytes that are not a point on the curve.
    NotOnCurve,
    /// A point of small order: a signature by it would "verify" almost any message.
    WeakKey,
    /// A valid point written in a non-standard way or with a small-order component; no key
    /// this tool (or any standard Ed25519 library) generates looks like this.
    NonStandard,
    FingerprintMismatch {
        written: String,
        computed: String,
    },
    BadReviewer(IdProblem),
}

/// Why a reviewer id cannot be used (ids become the names of key files).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum IdProblem {
    Empty,
    TooLong {
        chars: usize,
    },
    /// A control, bidi-override or zero-width character.
    Invisible {
        code: u32,
    },
    PathSeparator,
    DotDot,
    /// One of `< > : " | ? *`, which Windows forbids in file names.
    WindowsForbidden {
        ch: char,
    },
    /// Starts or ends with a dot or a space (Windows drops trailing ones; a leading dot hides
    /// the file).
    DotOrSpaceAtEdge,
    /// CON, PRN, AUX, NUL, COM1–9, LPT1–9: device names on Windows.
    WindowsReserved {
        name: String,
    },
}

#[derive(Debug)]
pub enum KeyError {
    Io {
        path: PathBuf,
        error: std::io::Error,
    },
    /// The secret key file is already there; it is never overwritten.
    Exists(PathBuf),
    /// `path` is `None` for text given directly (a key pasted or typed in).
    Malformed {
        path: Option<PathBuf>,
        line: usize,
        what: KeyProblem,
    },
    /// The operating system gave no random bytes.
    Random(String),
    BadReviewerId {
        id: String,
        problem: IdProblem,
    },
}

/// Why a signature did not verify.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SignatureError {
    /// The public key itself is unusable.
    BadKey(KeyProblem),
    /// The signature is not 128 hex characters.
    BadSignature,
    /// Well-formed, but not a signature of this message by this key.
    Mismatch,
}

/// A new signing key from the operating system's random number generator.
pub fn generate() -> Result<SigningKey, KeyError> {
    let mut seed = [0u8; 32];
    getrandom::fill(&mut seed).map_err(|e| KeyError::Random(e.to_string()))?;
    Ok(SigningKey::from_bytes(&seed))
}

/// The public key as 64 lower-case hex characters.
pub fn public_hex(key: &SigningKey) -> String {
    hex_bytes(key.verifying_key().as_bytes())
}

/// `abcd-ef01-2345-6789`: the first 16 hex characters of the SHA-256 of the 32 key bytes, grouped
/// for reading aloud. Expects a key as [`parse_public`] returns it; for anything else the result
/// is `????-????-????-????`, which matches no real fingerprint.
pub fn fingerprint(public_hex: &str) -> String {
    let Ok(bytes) = key_bytes(public_hex.trim()) else {
        return "????-????-????-????".to_string();
    };
    let digest = Sha256::digest(bytes);
    let hex = hex_bytes(&digest[..8]);
    format!(
        "{}-{}-{}-{}",
        &hex[0..4],
        &hex[4..8],
        &hex[8..12],
        &hex[12..16]
    )
}

/// The text of a reviewer's public key file.
pub fn public_file_text(reviewer: &str, public_hex: &str) -> String {
    format!(
        "{PUBLIC_HEADER}\nreviewer: {reviewer}\nkey: {public_hex}\nfingerprint: {}\n",
        fingerprint(public_hex)
    )
}

/// Write `<dir>/<reviewer>.key` (the secret; mode 0600 on unix, never overwriting an existing
/// file) and `<dir>/<reviewer>.pub` (replaced if present: it is derived from the new key).
/// Creates `dir` if needed. Returns (secret path, public path).
pub fn write_pair(
    dir: &Path,
    reviewer: &str,
    key: &SigningKey,
) -> Result<(PathBuf, PathBuf), KeyError> {
    check_reviewer_id(reviewer).map_err(|problem| KeyError::BadReviewerId {
        id: reviewer.to_string(),
        problem,
    })?;
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |error| KeyError::Io { path, error }
    };
    std::fs::create_dir_all(dir).map_err(io(dir))?;
    let secret_path = dir.join(format!("{reviewer}.key"));
    let public_path = dir.join(format!("{reviewer}.pub"));

    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = match options.open(&secret_path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            return Err(KeyError::Exists(secret_path))
        }
        Err(e) => return Err(io(&secret_path)(e)),
    };
    let secret_text = format!(
        "{SECRET_HEADER}\nreviewer: {reviewer}\nkey: {}\n",
        hex_bytes(key.as_bytes())
    );
    if let Err(e) = file
        .write_all(secret_text.as_bytes())
        .and_then(|()| file.sync_all())
    {
        // A half-written secret would block the retry and be useless; this call created it.
        drop(file);
        let _ = std::fs::remove_file(&secret_path);
        return Err(io(&secret_path)(e));
    }
    drop(file);

    let public = public_file_text(reviewer, &public_hex(key));
    std::fs::write(&public_path, public).map_err(io(&public_path))?;
    Ok((secret_path, public_path))
}

/// Read a secret key file: the reviewer id written in it and the key.
pub fn read_secret(path: &Path) -> Result<(String, SigningKey), KeyError> {
    let bytes = std::fs::read(path).map_err(|error| KeyError::Io {
        path: path.to_path_buf(),
        error,
    })?;
    let at = |(line, what): (usize, KeyProblem)| KeyError::Malformed {
        path: Some(path.to_path_buf()),
        line,
        what,
    };
    let text = as_text(&bytes).map_err(at)?;
    let fields = parse_fields(text, Kind::Secret).map_err(at)?;
    let header_line = fields.header_line;
    let (line, reviewer) = fields
        .get("reviewer")
        .ok_or((header_line, KeyProblem::MissingField { field: "reviewer" }))
        .map_err(at)?;
    check_reviewer_id(reviewer).map_err(|p| at((line, KeyProblem::BadReviewer(p))))?;
    let (line, hex) = fields
        .get("key")
        .ok_or((header_line, KeyProblem::MissingField { field: "key" }))
        .map_err(at)?;
    let seed = key_bytes(hex).map_err(|p| at((line, p)))?;
    Ok((reviewer.to_string(), SigningKey::from_bytes(&seed)))
}

/// Read a public key file (or a file holding just the 64-hex key); see [`parse_public`].
pub fn read_public(path: &Path) -> Result<(Option<String>, String), KeyError> {
    let bytes = std::fs::read(path).map_err(|error| KeyError::Io {
        path: path.to_path_buf(),
        error,
    })?;
    let at = |(line, what): (usize, KeyProblem)| KeyError::Malformed {
        path: Some(path.to_path_buf()),
        line,
        what,
    };
    let text = as_text(&bytes).map_err(at)?;
    parse_public_text(text).map_err(at)
}

/// Accepts the `.pub` file's text, or a bare 64-hex key; returns the reviewer id written in the
/// file (if any) and the key as 64 lower-case hex. Rejects bad hex, a wrong length, a fingerprint
/// that does not match, and keys that are not valid curve points, are weak (small order) or are
/// written in a non-standard form (so one key has exactly one spelling).
pub fn parse_public(text: &str) -> Result<(Option<String>, String), KeyError> {
    parse_public_text(text).map_err(|(line, what)| KeyError::Malformed {
        path: None,
        line,
        what,
    })
}

/// Sign `message`; the signature as 128 lower-case hex characters.
pub fn sign(key: &SigningKey, message: &[u8]) -> String {
    hex_bytes(&key.sign(message).to_bytes())
}

/// Check a signature with `verify_strict` (no weak keys, no malleable signatures).
pub fn verify(public_hex: &str, message: &[u8], signature_hex: &str) -> Result<(), SignatureError> {
    let key = verifying_key(public_hex.trim()).map_err(SignatureError::BadKey)?;
    let sig = signature_hex.trim();
    if sig.len() != 128 {
        return Err(SignatureError::BadSignature);
    }
    let mut bytes = [0u8; 64];
    if !unhex(sig, &mut bytes) {
        return Err(SignatureError::BadSignature);
    }
    key.verify_strict(message, &Signature::from_bytes(&bytes))
        .map_err(|_| SignatureError::Mismatch)
}

/// Whether `id` can name a reviewer's key files on any system the files may travel to.
pub fn check_reviewer_id(id: &str) -> Result<(), IdProblem> {
    if id.is_empty() {
        return Err(IdProblem::Empty);
    }
    if let Some(c) = id.chars().find(|&c| is_invisible(c)) {
        return Err(IdProblem::Invisible { code: c as u32 });
    }
    if id.contains(['/', '\\']) {
        return Err(IdProblem::PathSeparator);
    }
    if id.contains("..") {
        return Err(IdProblem::DotDot);
    }
    if let Some(ch) = id
        .chars()
        .find(|c| matches!(c, '<' | '>' | ':' | '"' | '|' | '?' | '*'))
    {
        return Err(IdProblem::WindowsForbidden { ch });
    }
    let edge = |c: char| c == '.' || c.is_whitespace();
    if id.starts_with(edge) || id.ends_with(edge) {
        return Err(IdProblem::DotOrSpaceAtEdge);
    }
    let chars = id.chars().count();
    if chars > MAX_ID_CHARS {
        return Err(IdProblem::TooLong { chars });
    }
    let stem = id
        .split('.')
        .next()
        .unwrap_or(id)
        .trim_end()
        .to_ascii_uppercase();
    let reserved = matches!(stem.as_str(), "CON" | "PRN" | "AUX" | "NUL")
        || ((stem.starts_with("COM") || stem.starts_with("LPT"))
            && stem.len() == 4
            && stem.as_bytes()[3].is_ascii_digit()
            && stem.as_bytes()[3] != b'0');
    if reserved {
        return Err(IdProblem::WindowsReserved {
            name: id.to_string(),
        });
    }
    Ok(())
}

/// Characters that must not hide in ids, names and units (`chars::is_unsafe`: controls, bidi
/// embeddings, overrides and isolates, zero-width characters) — any of them makes two
/// equal-looking texts differ.
pub fn is_invisible(c: char) -> bool {
    crate::chars::is_unsafe(c)
}

// ---------------------------------------------------------------------------------------------
// Parsing

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Secret,
    Public,
}

impl Kind {
    fn header(self) -> &'static str {
        match self {
            Kind::Secret => SECRET_HEADER,
            Kind::Public => PUBLIC_HEADER,
        }
    }

    fn fields(self) -> &'static [&'static str] {
        match self {
            Kind::Secret => &["reviewer", "key"],
            Kind::Public => &["reviewer", "key", "fingerprint"],
        }
    }
}

struct Fields<'t> {
    header_line: usize,
    /// (field, line, value)
    values: Vec<(&'static str, usize, &'t str)>,
}

impl<'t> Fields<'t> {
    fn get(&self, field: &str) -> Option<(usize, &'t str)> {
        self.values
            .iter()
            .find(|(f, _, _)| *f == field)
            .map(|&(_, line, value)| (line, value))
    }
}

/// Text without a BOM; for bytes that are not UTF-8, the line where the text breaks.
fn as_text(bytes: &[u8]) -> Result<&str, (usize, KeyProblem)> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    std::str::from_utf8(bytes).map_err(|e| {
        let line = 1 + bytes[..e.valid_up_to()]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        (line, KeyProblem::NotText)
    })
}

/// Non-blank lines with their 1-based numbers, trimmed (which also drops the `\r` of CRLF).
fn lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    text.split('\n')
        .enumerate()
        .map(|(i, l)| (i + 1, l.trim()))
        .filter(|(_, l)| !l.is_empty())
}

fn header_problem(first: &str, kind: Kind) -> KeyProblem {
    match first {
        SECRET_HEADER if kind == Kind::Public => KeyProblem::SecretGiven,
        PUBLIC_HEADER if kind == Kind::Secret => KeyProblem::PublicGiven,
        h if h.starts_with("anjuan-") && h.contains("-key-") => KeyProblem::UnknownVersion {
            header: h.chars().take(40).collect(),
        },
        _ => KeyProblem::NotAKeyFile,
    }
}

fn parse_fields(text: &str, kind: Kind) -> Result<Fields<'_>, (usize, KeyProblem)> {
    let mut it = lines(text);
    let Some((header_line, first)) = it.next() else {
        return Err((1, KeyProblem::NotAKeyFile));
    };
    if first != kind.header() {
        return Err((header_line, header_problem(first, kind)));
    }
    let mut values: Vec<(&'static str, usize, &str)> = Vec::new();
    for (line, l) in it {
        // A full-width colon is what a Chinese input method types.
        let Some((name, value)) = l.split_once(':').or_else(|| l.split_once('：')) else {
            return Err((line, KeyProblem::NotAField));
        };
        let name = name.trim().to_ascii_lowercase();
        let Some(&field) = kind.fields().iter().find(|f| **f == name) else {
            return Err((
                line,
                KeyProblem::UnknownField {
                    field: name.chars().take(30).collect(),
                },
            ));
        };
        if values.iter().any(|(f, _, _)| *f == field) {
            return Err((line, KeyProblem::RepeatedField { field }));
        }
        values.push((field, line, value.trim()));
    }
    Ok(Fields {
        header_line,
        values,
    })
}

fn parse_public_text(text: &str) -> Result<(Option<String>, String), (usize, KeyProblem)> {
    let all: Vec<(usize, &str)> = lines(text).collect();
    let Some(&(first_line, first)) = all.first() else {
        return Err((1, KeyProblem::NotAKeyFile));
    };
    if !first.starts_with("anjuan-") {
        // A bare key: one line of hex.
        if all.len() > 1 {
            return Err((all[1].0, KeyProblem::NotAKeyFile));
        }
        verifying_key(first).map_err(|p| (first_line, p))?;
        return Ok((None, first.to_ascii_lowercase()));
    }
    let fields = parse_fields(text, Kind::Public)?;
    let reviewer = match fields.get("reviewer") {
        Some((line, id)) => {
            check_reviewer_id(id).map_err(|p| (line, KeyProblem::BadReviewer(p)))?;
            Some(id.to_string())
        }
        None => None,
    };
    let (line, hex) = fields.get("key").ok_or((
        fields.header_line,
        KeyProblem::MissingField { field: "key" },
    ))?;
    verifying_key(hex).map_err(|p| (line, p))?;
    let hex = hex.to_ascii_lowercase();
    if let Some((line, written)) = fields.get("fingerprint") {
        let computed = fingerprint(&hex);
        if !written.eq_ignore_ascii_case(&computed) {
            return Err((
                line,
                KeyProblem::FingerprintMismatch {
                    written: written.chars().take(40).collect(),
                    computed,
                },
            ));
        }
    }
    Ok((reviewer, hex))
}

/// A public key every check has passed.
fn verifying_key(hex: &str) -> Result<VerifyingKey, KeyProblem> {
    let bytes = key_bytes(hex)?;
    let key = VerifyingKey::from_bytes(&bytes).map_err(|_| KeyProblem::NotOnCurve)?;
    if key.is_weak() {
        return Err(KeyProblem::WeakKey);
    }
    let point = key.to_edwards();
    if point.compress().to_bytes() != bytes || !point.is_torsion_free() {
        return Err(KeyProblem::NonStandard);
    }
    Ok(key)
}

fn key_bytes(hex: &str) -> Result<[u8; 32], KeyProblem> {
    let found = hex.chars().count();
    if found != 64 {
        return Err(KeyProblem::WrongLength {
            expected: 64,
            found,
        });
    }
    let mut out = [0u8; 32];
    if !unhex(hex, &mut out) {
        return Err(KeyProblem::NotHex);
    }
    Ok(out)
}

// ---------------------------------------------------------------------------------------------
// Messages

impl KeyProblem {
    pub fn render(&self, lang: Lang) -> String {
        use KeyProblem::*;
        match self {
            NotText => tr!(
                lang,
                "不是文本文件（不是 UTF-8 编码）。请使用 anjuan 生成的原始文件，不要用字处理软件另存",
                "is not a text file (not UTF-8). Use the file anjuan wrote, not a copy saved by a word processor"
            ),
            NotAKeyFile => tr!(
                lang,
                "不是 anjuan 的密钥文件，也不是一行 64 位十六进制公钥。请确认选对了文件",
                "is neither an anjuan key file nor a single line with a 64-hex public key. Check that this is the right file"
            ),
            SecretGiven => tr!(
                lang,
                "这是私钥文件（.key），不是公钥！私钥不得交给任何人：请改交同一文件夹中的 .pub 文件；如私钥已外传，请重新生成密钥",
                "this is a SECRET key file (.key), not a public key! Never hand it to anyone: give the .pub file from the same folder instead; if the secret has left your computer, generate a new key"
            ),
            PublicGiven => tr!(
                lang,
                "这是公钥文件（.pub），签名需要同一文件夹中的私钥文件（.key）",
                "this is a public key file (.pub); signing needs the secret key file (.key) from the same folder"
            ),
            UnknownVersion { header } => tr!(
                lang,
                "文件格式“{header}”不是本版本能识别的（应为 {PUBLIC_HEADER} 或 {SECRET_HEADER}）。请用生成该文件的 anjuan 版本，或升级本程序",
                "the format {header:?} is not one this version knows ({PUBLIC_HEADER} or {SECRET_HEADER}). Use the anjuan version that wrote it, or upgrade"
            ),
            MissingField { field } => tr!(
                lang,
                "缺少“{field}:”一行。文件可能被截断，请重新复制原始文件",
                "the \"{field}:\" line is missing. The file may be truncated; copy the original again"
            ),
            RepeatedField { field } => tr!(
                lang,
                "“{field}:”出现了两次。请使用 anjuan 生成的原始文件",
                "\"{field}:\" appears twice. Use the file anjuan wrote"
            ),
            UnknownField { field } => tr!(
                lang,
                "不认识的字段“{field}”。请使用 anjuan 生成的原始文件",
                "unknown field {field:?}. Use the file anjuan wrote"
            ),
            NotAField => tr!(
                lang,
                "这一行不是“名称: 值”的形式。请使用 anjuan 生成的原始文件",
                "this line is not of the form \"name: value\". Use the file anjuan wrote"
            ),
            WrongLength { expected, found } => tr!(
                lang,
                "密钥应为 {expected} 位十六进制字符，实际为 {found} 位。请检查是否抄漏或多抄了字符，最好直接复制文件",
                "the key must be {expected} hex characters, found {found}. Look for a missing or extra character; better, copy the file instead of retyping"
            ),
            NotHex => tr!(
                lang,
                "密钥含有 0–9、a–f 以外的字符。请检查是否抄错（如把 0 写成 O），最好直接复制文件",
                "the key contains characters other than 0–9 and a–f. Look for a typo (O for 0, l for 1); better, copy the file"
            ),
            NotOnCurve => tr!(
                lang,
                "这 64 位十六进制不是有效的 Ed25519 公钥（可能抄错了字符）。请让评查人重新发送 .pub 文件",
                "these 64 hex characters are not a valid Ed25519 public key (probably mistyped). Ask the reviewer to send the .pub file again"
            ),
            WeakKey => tr!(
                lang,
                "这是一个弱公钥（小阶点），用它几乎可以伪造任何签名，不能登记。请让评查人用 anjuan 重新生成密钥",
                "this is a weak public key (a small-order point): with it almost any signature would pass, so it cannot be registered. Have the reviewer generate a key with anjuan"
            ),
            NonStandard => tr!(
                lang,
                "这个公钥的写法不标准（非规范编码或含小阶分量），不是 anjuan 生成的密钥。请让评查人用 anjuan 重新生成密钥",
                "this public key is not in standard form (non-canonical encoding or a small-order component); anjuan never generates such keys. Have the reviewer generate a key with anjuan"
            ),
            FingerprintMismatch { written, computed } => tr!(
                lang,
                "文件中的指纹 {written} 与公钥算出的指纹 {computed} 不符：文件已被改动或损坏。请让评查人重新发送原始 .pub 文件，并当面或电话核对指纹",
                "the fingerprint written in the file, {written}, does not match the key's, {computed}: the file was altered or damaged. Ask the reviewer for the original .pub file and check the fingerprint with them in person or by phone"
            ),
            BadReviewer(p) => tr!(
                lang,
                "评查人编号不可用：{}",
                "the reviewer id cannot be used: {}",
                p.render(lang)
            ),
        }
    }
}

impl IdProblem {
    pub fn render(&self, lang: Lang) -> String {
        use IdProblem::*;
        match self {
            Empty => tr!(lang, "编号为空。请填写编号", "the id is empty. Fill it in"),
            TooLong { chars } => tr!(
                lang,
                "编号有 {chars} 个字符，最多 {MAX_ID_CHARS} 个。请改用简短编号，如 R03",
                "the id has {chars} characters, at most {MAX_ID_CHARS} are allowed. Use a short id such as R03"
            ),
            Invisible { code } => tr!(
                lang,
                "含有不可见字符 U+{code:04X}。请删除后重新输入",
                "contains the invisible character U+{code:04X}. Delete it and type the id again"
            ),
            PathSeparator => tr!(
                lang,
                "含有路径分隔符（/ 或 \\），不能用作文件名。请改用字母、数字或汉字，如 R03",
                "contains a path separator (/ or \\), so it cannot name a file. Use letters, digits or Chinese characters, e.g. R03"
            ),
            DotDot => tr!(
                lang,
                "含有“..”，不能用作文件名。请改用字母、数字或汉字，如 R03",
                "contains \"..\", so it cannot name a file. Use letters, digits or Chinese characters, e.g. R03"
            ),
            WindowsForbidden { ch } => tr!(
                lang,
                "含有字符“{ch}”，Windows 文件名不允许使用（< > : \" | ? *）。请删除该字符",
                "contains {ch:?}, which Windows does not allow in file names (< > : \" | ? *). Remove it"
            ),
            DotOrSpaceAtEdge => tr!(
                lang,
                "以句点或空格开头或结尾，作为文件名会被 Windows 改动或隐藏。请删除首尾的句点和空格",
                "starts or ends with a dot or a space, which Windows drops or hides in file names. Remove them"
            ),
            WindowsReserved { name } => tr!(
                lang,
                "“{name}”是 Windows 的设备名，不能用作文件名。请换一个编号",
                "{name:?} is a Windows device name and cannot name a file. Choose another id"
            ),
        }
    }
}

impl KeyError {
    pub fn render(&self, lang: Lang) -> String {
        match self {
            KeyError::Io { path, error } => {
                let p = path.display();
                tr!(
                    lang,
                    "无法读写 {p}（{error}）。请检查路径、U 盘是否插好以及文件权限",
                    "cannot read or write {p} ({error}). Check the path, that the USB stick is plugged in, and the permissions"
                )
            }
            KeyError::Exists(path) => {
                let p = path.display();
                tr!(
                    lang,
                    "{p} 已存在，不会覆盖（它可能是已登记的私钥，覆盖后以前的签名将无人能再作出）。如确需新密钥，请先把旧文件移到别处，生成后把新的 .pub 交给组织者登记",
                    "{p} already exists and is never overwritten (it may be a registered key). To make a new key, move the old file elsewhere first, then give the new .pub file to the organiser to register"
                )
            }
            KeyError::Malformed { path, line, what } => {
                let what = what.render(lang);
                match path {
                    Some(p) => {
                        let p = p.display();
                        tr!(
                            lang,
                            "文件 {p} 第 {line} 行：{what}",
                            "file {p}, line {line}: {what}"
                        )
                    }
                    None => tr!(
                        lang,
                        "公钥第 {line} 行：{what}",
                        "public key, line {line}: {what}"
                    ),
                }
            }
            KeyError::Random(e) => tr!(
                lang,
                "无法从操作系统取得随机数（{e}），没有生成密钥。请重试；仍不行请换一台电脑生成",
                "the operating system gave no random numbers ({e}); no key was made. Try again, or generate the key on another computer"
            ),
            KeyError::BadReviewerId { id, problem } => tr!(
                lang,
                "评查人编号“{id}”不能用作密钥文件名：{}",
                "the reviewer id {id:?} cannot name a key file: {}",
                problem.render(lang)
            ),
        }
    }
}

impl fmt::Display for KeyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(Lang::En))
    }
}

impl std::error::Error for KeyError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            KeyError::Io { error, .. } => Some(error),
            _ => None,
        }
    }
}

impl SignatureError {
    pub fn render(&self, lang: Lang) -> String {
        match self {
            SignatureError::BadKey(p) => tr!(
                lang,
                "公钥不可用：{}",
                "the public key is unusable: {}",
                p.render(lang)
            ),
            SignatureError::BadSignature => tr!(
                lang,
                "签名不是 128 位十六进制字符，记录可能被截断或改动",
                "the signature is not 128 hex characters; the record may be truncated or altered"
            ),
            SignatureError::Mismatch => tr!(
                lang,
                "签名与内容不符：内容在签名后被改动，或不是该公钥的持有人所签",
                "the signature does not match: the content changed after signing, or the holder of this key did not sign it"
            ),
        }
    }
}

impl fmt::Display for SignatureError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(Lang::En))
    }
}

impl std::error::Error for SignatureError {}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(n: u8) -> SigningKey {
        SigningKey::from_bytes(&[n; 32])
    }

    fn malformed(e: KeyError) -> (usize, KeyProblem) {
        match e {
            KeyError::Malformed { line, what, .. } => (line, what),
            other => panic!("expected Malformed, got {other:?}"),
        }
    }

    #[test]
    fn sign_verify_round_trip() {
        let k = generate().unwrap();
        let pk = public_hex(&k);
        assert_eq!(pk.len(), 64);
        assert!(pk
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)));
        let sig = sign(&k, b"result sheet 0001");
        assert_eq!(sig.len(), 128);
        assert_eq!(verify(&pk, b"result sheet 0001", &sig), Ok(()));
        // Upper case and surrounding whitespace are tolerated.
        let up = format!(" {} ", sig.to_ascii_uppercase());
        assert_eq!(
            verify(&pk.to_ascii_uppercase(), b"result sheet 0001", &up),
            Ok(())
        );
    }

    #[test]
    fn generated_keys_differ() {
        assert_ne!(
            public_hex(&generate().unwrap()),
            public_hex(&generate().unwrap())
        );
    }

    #[test]
    fn a_flipped_bit_anywhere_fails() {
        let k = key(7);
        let pk = public_hex(&k);
        let msg = b"score 87".to_vec();
        let sig = sign(&k, &msg);
        let mut m = msg.clone();
        m[0] ^= 1;
        assert_eq!(verify(&pk, &m, &sig), Err(SignatureError::Mismatch));

        let flip = |hex: &str, i: usize| -> String {
            let mut b = hex.as_bytes().to_vec();
            let d = (b[i] as char).to_digit(16).unwrap() ^ 1;
            b[i] = std::char::from_digit(d, 16).unwrap() as u8;
            String::from_utf8(b).unwrap()
        };
        for i in [0, 63, 64, 127] {
            assert_eq!(
                verify(&pk, &msg, &flip(&sig, i)),
                Err(SignatureError::Mismatch),
                "signature digit {i}"
            );
        }
        for i in [0, 10, 63] {
            // Either not a point any more, or another key: never Ok.
            assert!(verify(&flip(&pk, i), &msg, &sig).is_err(), "key digit {i}");
        }
        // Another reviewer's key.
        assert_eq!(
            verify(&public_hex(&key(8)), &msg, &sig),
            Err(SignatureError::Mismatch)
        );
        assert_eq!(
            verify(&pk, &msg, &sig[..126]),
            Err(SignatureError::BadSignature)
        );
        assert_eq!(
            verify(&pk, &msg, &format!("{}zz", &sig[..126])),
            Err(SignatureError::BadSignature)
        );
    }

    #[test]
    fn fingerprint_is_grouped_sha256_prefix() {
        let pk = public_hex(&key(1));
        let fp = fingerprint(&pk);
        let mut bytes = [0u8; 32];
        assert!(unhex(&pk, &mut bytes));
        let full = hex_bytes(&Sha256::digest(bytes));
        assert_eq!(fp.replace('-', ""), full[..16]);
        assert_eq!(fp.len(), 19);
        assert_eq!(fp.matches('-').count(), 3);
        assert_eq!(fingerprint(&pk.to_ascii_uppercase()), fp);
        assert_eq!(fingerprint("nonsense"), "????-????-????-????");
    }

    #[test]
    fn parse_public_accepts_file_and_bare_key() {
        let pk = public_hex(&key(3));
        let text = public_file_text("R03", &pk);
        assert_eq!(
            parse_public(&text).unwrap(),
            (Some("R03".into()), pk.clone())
        );
        // Copied through Windows: BOM, CRLF, upper case, trailing blank lines.
        let windows = format!(
            "\u{FEFF}{}\r\n\r\n",
            text.replace(&pk, &pk.to_ascii_uppercase())
                .replace('\n', "\r\n")
        );
        assert_eq!(
            parse_public(&windows).unwrap(),
            (Some("R03".into()), pk.clone())
        );
        assert_eq!(
            parse_public(&format!("  {pk}\r\n")).unwrap(),
            (None, pk.clone())
        );
        // Without the optional lines.
        let short = format!("{PUBLIC_HEADER}\nkey: {pk}\n");
        assert_eq!(parse_public(&short).unwrap(), (None, pk));
    }

    #[test]
    fn parse_public_rejects_bad_keys() {
        let pk = public_hex(&key(3));
        assert_eq!(
            malformed(parse_public(&pk[..63]).unwrap_err()),
            (
                1,
                KeyProblem::WrongLength {
                    expected: 64,
                    found: 63
                }
            )
        );
        let bad = format!("{}g", &pk[..63]);
        assert_eq!(
            malformed(parse_public(&bad).unwrap_err()),
            (1, KeyProblem::NotHex)
        );
        // The identity point (y = 1) and the point of order 2 (y = -1): small order.
        let identity = format!("01{}", "0".repeat(62));
        assert_eq!(
            malformed(parse_public(&identity).unwrap_err()).1,
            KeyProblem::WeakKey
        );
        let order2 = format!("ec{}7f", "ff".repeat(30));
        assert_eq!(
            malformed(parse_public(&order2).unwrap_err()).1,
            KeyProblem::WeakKey
        );
        // y = 2 is not on the curve.
        let off = format!("02{}", "0".repeat(62));
        assert_eq!(
            malformed(parse_public(&off).unwrap_err()).1,
            KeyProblem::NotOnCurve
        );
        // A good point plus a small-order component (here: the point of order 2).
        let mixed = (key(3).verifying_key().to_edwards()
            + VerifyingKey::from_bytes(&{
                let mut b = [0u8; 32];
                assert!(unhex(&order2, &mut b));
                b
            })
            .unwrap()
            .to_edwards())
        .compress()
        .to_bytes();
        assert_eq!(
            malformed(parse_public(&hex_bytes(&mixed)).unwrap_err()).1,
            KeyProblem::NonStandard
        );
        assert_eq!(
            verify(&identity, b"x", &"00".repeat(64)),
            Err(SignatureError::BadKey(KeyProblem::WeakKey))
        );
    }

    #[test]
    fn parse_public_names_the_wrong_file_and_line() {
        let pk = public_hex(&key(3));
        let secret = format!("{SECRET_HEADER}\nreviewer: R03\nkey: {pk}\n");
        assert_eq!(
            malformed(parse_public(&secret).unwrap_err()),
            (1, KeyProblem::SecretGiven)
        );
        let tampered = public_file_text("R03", &pk).replace("fingerprint: ", "fingerprint: 0");
        let (line, what) = malformed(parse_public(&tampered).unwrap_err());
        assert_eq!(line, 4);
        assert!(matches!(what, KeyProblem::FingerprintMismatch { .. }));
        let extra = format!("{PUBLIC_HEADER}\nkey: {pk}\ncomment: hi\n");
        assert_eq!(
            malformed(parse_public(&extra).unwrap_err()),
            (
                3,
                KeyProblem::UnknownField {
                    field: "comment".into()
                }
            )
        );
        let bad_id = format!("{PUBLIC_HEADER}\nreviewer: ../R03\nkey: {pk}\n");
        assert_eq!(
            malformed(parse_public(&bad_id).unwrap_err()),
            (2, KeyProblem::BadReviewer(IdProblem::PathSeparator))
        );
        assert_eq!(
            malformed(parse_public("anjuan-public-key-v9\nkey: 00\n").unwrap_err()).1,
            KeyProblem::UnknownVersion {
                header: "anjuan-public-key-v9".into()
            }
        );
        assert_eq!(
            malformed(parse_public("").unwrap_err()),
            (1, KeyProblem::NotAKeyFile)
        );
        assert_eq!(
            malformed(parse_public(&format!("{pk}\n{pk}\n")).unwrap_err()),
            (2, KeyProblem::NotAKeyFile)
        );
    }

    #[test]
    fn write_pair_then_read_back() {
        let dir = tempfile::tempdir().unwrap();
        let k = key(9);
        let (secret, public) = write_pair(dir.path(), "R03", &k).unwrap();
        assert_eq!(secret, dir.path().join("R03.key"));
        assert_eq!(public, dir.path().join("R03.pub"));
        let text = std::fs::read_to_string(&secret).unwrap();
        assert_eq!(
            text,
            format!(
                "{SECRET_HEADER}\nreviewer: R03\nkey: {}\n",
                hex_bytes(k.as_bytes())
            )
        );
        let (id, back) = read_secret(&secret).unwrap();
        assert_eq!(id, "R03");
        assert_eq!(back.to_bytes(), k.to_bytes());
        let pub_text = std::fs::read_to_string(&public).unwrap();
        assert_eq!(pub_text, public_file_text("R03", &public_hex(&k)));
        assert!(pub_text.ends_with(&format!("fingerprint: {}\n", fingerprint(&public_hex(&k)))));
        assert_eq!(
            read_public(&public).unwrap(),
            (Some("R03".into()), public_hex(&k))
        );
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&secret).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
    }

    #[test]
    fn write_pair_never_overwrites_a_secret() {
        let dir = tempfile::tempdir().unwrap();
        write_pair(dir.path(), "张三", &key(1)).unwrap();
        let before = std::fs::read(dir.path().join("张三.key")).unwrap();
        match write_pair(dir.path(), "张三", &key(2)) {
            Err(KeyError::Exists(p)) => assert_eq!(p, dir.path().join("张三.key")),
            other => panic!("expected Exists, got {other:?}"),
        }
        assert_eq!(std::fs::read(dir.path().join("张三.key")).unwrap(), before);
        // The public file still belongs to the first key.
        assert_eq!(
            read_public(&dir.path().join("张三.pub")).unwrap().1,
            public_hex(&key(1))
        );
        let msg = KeyError::Exists(dir.path().join("张三.key")).render(Lang::Zh);
        assert!(msg.contains("不会覆盖"), "{msg}");
    }

    #[test]
    fn write_pair_refuses_unsafe_ids() {
        let dir = tempfile::tempdir().unwrap();
        for (id, problem) in [
            ("", IdProblem::Empty),
            ("../R03", IdProblem::PathSeparator),
            ("a\\b", IdProblem::PathSeparator),
            ("R..3", IdProblem::DotDot),
            ("R03?", IdProblem::WindowsForbidden { ch: '?' }),
            ("R:03", IdProblem::WindowsForbidden { ch: ':' }),
            ("R03.", IdProblem::DotOrSpaceAtEdge),
            (".R03", IdProblem::DotOrSpaceAtEdge),
            ("R\u{7}3", IdProblem::Invisible { code: 7 }),
            ("R\u{202E}30", IdProblem::Invisible { code: 0x202E }),
            ("con", IdProblem::WindowsReserved { name: "con".into() }),
            (
                "COM1.txt",
                IdProblem::WindowsReserved {
                    name: "COM1.txt".into(),
                },
            ),
        ] {
            match write_pair(dir.path(), id, &key(1)) {
                Err(KeyError::BadReviewerId { problem: p, .. }) => assert_eq!(p, problem, "{id:?}"),
                other => panic!("{id:?}: expected BadReviewerId, got {other:?}"),
            }
        }
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
        assert!(check_reviewer_id("R03").is_ok());
        assert!(check_reviewer_id("张三").is_ok());
        assert!(check_reviewer_id("COM0").is_ok());
        assert!(check_reviewer_id("CONSOLE").is_ok());
        let long = "x".repeat(MAX_ID_CHARS + 1);
        assert_eq!(
            check_reviewer_id(&long),
            Err(IdProblem::TooLong {
                chars: MAX_ID_CHARS + 1
            })
        );
    }

    #[test]
    fn secret_files_from_windows_are_read() {
        let dir = tempfile::tempdir().unwrap();
        let k = key(5);
        let path = dir.path().join("R05.key");
        let text = format!(
            "\u{FEFF}{SECRET_HEADER}\r\nreviewer: R05\r\nkey: {}\r\n",
            hex_bytes(k.as_bytes()).to_ascii_uppercase()
        );
        std::fs::write(&path, text).unwrap();
        let (id, back) = read_secret(&path).unwrap();
        assert_eq!(id, "R05");
        assert_eq!(back.to_bytes(), k.to_bytes());
    }

    #[test]
    fn read_secret_reports_file_and_line() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("R05.key");
        std::fs::write(&path, format!("{SECRET_HEADER}\nreviewer: R05\nkey: abc\n")).unwrap();
        let e = read_secret(&path).unwrap_err();
        let msg = e.render(Lang::En);
        assert!(
            msg.starts_with(&format!(
                "file {}, line 3: the key must be 64 hex",
                path.display()
            )),
            "{msg}"
        );
        // The secret itself never appears in a message.
        let secret = "ab".repeat(31) + "zz";
        std::fs::write(
            &path,
            format!("{SECRET_HEADER}\nreviewer: R05\nkey: {secret}\n"),
        )
        .unwrap();
        let e = read_secret(&path).unwrap_err();
        assert!(!e.render(Lang::Zh).contains(&secret[..10]));
        assert_eq!(malformed(e), (3, KeyProblem::NotHex));

        let pub_path = dir.path().join("R05.pub");
        write_pair(dir.path(), "R06", &key(6)).unwrap();
        std::fs::copy(dir.path().join("R06.pub"), &pub_path).unwrap();
        assert_eq!(
            malformed(read_secret(&pub_path).unwrap_err()),
            (1, KeyProblem::PublicGiven)
        );
        std::fs::write(&path, format!("{SECRET_HEADER}\nreviewer: R05\n")).unwrap();
        assert_eq!(
            malformed(read_secret(&path).unwrap_err()),
            (1, KeyProblem::MissingField { field: "key" })
        );
        std::fs::write(&path, b"\xFF\xFE\x00").unwrap();
        assert_eq!(
            malformed(read_secret(&path).unwrap_err()),
            (1, KeyProblem::NotText)
        );
        match read_secret(&dir.path().join("missing.key")) {
            Err(KeyError::Io { path, .. }) => assert!(path.ends_with("missing.key")),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn every_message_has_both_languages() {
        let e = KeyError::Malformed {
            path: None,
            line: 2,
            what: KeyProblem::WeakKey,
        };
        assert!(e
            .render(Lang::Zh)
            .starts_with("公钥第 2 行：这是一个弱公钥"));
        assert!(e
            .render(Lang::En)
            .starts_with("public key, line 2: this is a weak"));
        assert_eq!(e.to_string(), e.render(Lang::En));
        assert!(SignatureError::Mismatch
            .render(Lang::Zh)
            .contains("签名与内容不符"));
    }
}
