//! The config file: keys, theme, mouse and a few defaults, in TOML, apart from the data file.
//!
//! This module finds the file and reads what it says, every setting with the line it is on, so
//! that whoever gives a setting its meaning (the key map, the theme) can name that line when
//! it refuses it. It knows the file's shape, not what trustladder does with it: a wrong shape
//! (a number where a key name goes, a field nobody reads) is reported here, a wrong meaning
//! (an action that does not exist, two actions on one key) where the meaning is known.
//!
//! Every setting is optional and the file itself may be missing. Flags beat the environment,
//! which beats the file, which beats the defaults: `--config` beats `TRUSTLADDER_CONFIG`, and
//! `NO_COLOR` beats the file's theme.

mod parse;
#[cfg(test)]
mod tests;

use std::ffi::OsString;
use std::fmt;
use std::path::{Path, PathBuf};

use crate::core::agenda::WeekEnd;

pub use parse::parse;

/// The `[keys.NAME]` tables, as the key map reads them. Named here too because a file that
/// is not TOML is refused here, before the key map reads anything, and a table that takes an
/// action's name (`[keys.help]` under `help = "f1"`) is best answered with the tables there
/// are. The key map's tests check that the two lists agree.
pub const KEY_TABLES: [&str; 10] = [
    "people",
    "person",
    "agenda",
    "form",
    "question",
    "filtering",
    "help_screen",
    "help_search",
    "prep_popup",
    "messages_popup",
];

/// The environment variable that names the config file, as `--config` does.
pub const ENV: &str = "TRUSTLADDER_CONFIG";

/// A value and the line of the file it is on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct At<T> {
    pub value: T,
    pub line: usize,
}

/// What the file says. Names (of actions, themes, colours) are kept as written: the parts of
/// the program that know them check them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Config {
    /// `theme = "light"`: the preset.
    pub theme: Option<At<String>>,
    /// `[colors]`: colours put over the preset's, element by element.
    pub colors: Vec<ColorSetting>,
    /// `mouse = true`.
    pub mouse: Option<bool>,
    /// `[defaults]`.
    pub defaults: Defaults,
    /// The lines of `[defaults]` left out (each with a warning): the commands that use the
    /// defaults say so, since they have no status line to show it.
    pub defaults_left_out: Vec<usize>,
    /// The lines of `[keys]` and `[keys.VIEW]` left out here for their shape (each with a
    /// warning): `trustladder keys` says so on stderr, with the warnings about the keys'
    /// meaning, since the keys it lists are then not what the file says.
    pub keys_left_out: Vec<usize>,
    /// `[keys]` and `[keys.VIEW]`, in the order written.
    pub keys: Vec<KeySetting>,
}

/// One line of `[colors]`: `heading = "blue"` or `selection = { fg = "black", bg = "cyan" }`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ColorSetting {
    pub element: String,
    /// A bare colour, which means the element's main colour (the text, or the background of
    /// the selection and the keys).
    pub main: Option<String>,
    pub fg: Option<String>,
    pub bg: Option<String>,
    pub line: usize,
}

/// One action's keys: `undo = "U"` under `[keys]` (everywhere the action works) or under
/// `[keys.people]` (only there). An empty list unbinds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeySetting {
    /// The view of `[keys.VIEW]`, or `None` for `[keys]`.
    pub section: Option<String>,
    pub action: String,
    /// Each key's name, and the line it is on (a list may run over several).
    pub keys: Vec<(String, usize)>,
    pub line: usize,
    /// The line that names its table (`[keys.VIEW]`, or `VIEW.` on a dotted name), where a
    /// table misnamed is said to be: its first key's line sent people looking below the
    /// header for the fault. Its own line in `[keys]`.
    pub section_line: usize,
}

/// Defaults that would otherwise be fixed in the program.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Defaults {
    /// Where the agenda's "This week" ends.
    pub week_ends: WeekEnd,
    /// The keep-in-touch cadence, in days, of colleagues without their own.
    pub keep_in_touch: Option<u32>,
}

/// How bad a finding is: an error stops the whole file from applying; after a warning the
/// rest applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// Something wrong in the file, at a line when there is one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub line: Option<usize>,
    pub message: String,
}

impl Diagnostic {
    pub fn error(line: impl Into<Option<usize>>, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Error,
            line: line.into(),
            message: message.into(),
        }
    }

    pub fn warning(line: impl Into<Option<usize>>, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Warning,
            line: line.into(),
            message: message.into(),
        }
    }

    /// The finding as a compiler writes one: `FILE:LINE: error: MESSAGE`.
    pub fn at(&self, file: &Path) -> String {
        let file = crate::core::text::sanitize(&file.display().to_string());
        match self.line {
            Some(line) => format!("{file}:{line}: {self}"),
            None => format!("{file}: {self}"),
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{kind}: {}", crate::core::text::sanitize(&self.message))
    }
}

/// Where the config file is, and whether someone named it (then it must exist).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    pub path: PathBuf,
    pub named: bool,
}

/// Finds the file: `named` (from `--config`) or `TRUSTLADDER_CONFIG` if given, else
/// `$XDG_CONFIG_HOME/trustladder/config.toml`, else `~/.config/trustladder/config.toml`, on
/// macOS too (where command-line tools keep their settings, not in Library/Application
/// Support), and `%APPDATA%\trustladder\config.toml` on Windows. `env` reads the
/// environment, so tests can give their own.
pub fn locate(
    named: Option<PathBuf>,
    env: impl Fn(&str) -> Option<OsString>,
) -> Result<Location, String> {
    // An empty variable is unset, as for `TRUSTLADDER_FILE`: a script's empty value must not
    // name a file called "".
    let named = named.or_else(|| env(ENV).filter(|v| !v.is_empty()).map(PathBuf::from));
    if let Some(path) = named {
        return Ok(Location { path, named: true });
    }
    let absolute = |var: &str| env(var).map(PathBuf::from).filter(|p| p.is_absolute());
    let folder = if cfg!(windows) {
        absolute("APPDATA")
    } else {
        absolute("XDG_CONFIG_HOME").or_else(|| absolute("HOME").map(|home| home.join(".config")))
    };
    let Some(folder) = folder else {
        return Err(if cfg!(windows) {
            "no config folder: %APPDATA% is not set".to_string()
        } else {
            "no config folder: neither $XDG_CONFIG_HOME nor $HOME is set to an absolute path"
                .to_string()
        });
    };
    Ok(Location {
        path: folder.join("trustladder").join("config.toml"),
        named: false,
    })
}

/// The file as read: what it says, and what is wrong with its shape.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Loaded {
    pub path: PathBuf,
    /// False when there is no file (every default applies).
    pub found: bool,
    pub config: Config,
    pub diagnostics: Vec<Diagnostic>,
}

/// The longest config file read; a bigger one is a mistake (a data file named by `--config`).
const MAX_BYTES: u64 = 1 << 20;

/// Reads the file at `location`. A missing file is no config at all, unless it was named;
/// so is `/dev/null`, as other tools take it (`--config /dev/null`: the defaults, asked for);
/// a file that cannot be read, is too big or is not TOML is an error.
pub fn load(location: &Location) -> Loaded {
    let path = location.path.clone();
    let mut loaded = Loaded {
        path: path.clone(),
        found: false,
        config: Config::default(),
        diagnostics: Vec::new(),
    };
    if names_none(&path) {
        return loaded;
    }
    let text = match read(&path) {
        Ok(Some(text)) => text,
        Ok(None) if !location.named => return loaded,
        Ok(None) => {
            loaded
                .diagnostics
                .push(Diagnostic::error(None, "there is no such file"));
            return loaded;
        }
        Err(why) => {
            loaded.found = true;
            loaded.diagnostics.push(why);
            return loaded;
        }
    };
    loaded.found = true;
    let (config, diagnostics) = parse(&text);
    loaded.config = config;
    loaded.diagnostics = diagnostics;
    loaded
}

/// What stands at the config file's path that is neither a file nor a folder, named as it
/// is: "a folder, a device or a pipe" left the user to find out which.
fn not_a_file(meta: &std::fs::Metadata) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    let kind = meta.file_type();
    if kind.is_fifo() {
        "a named pipe"
    } else if kind.is_char_device() || kind.is_block_device() {
        "a device"
    } else if kind.is_socket() {
        "a socket"
    } else {
        "something other than a regular file"
    }
}

/// The file's text; `None` when there is no file.
fn read(path: &Path) -> Result<Option<String>, Diagnostic> {
    let whole = |why: String| Diagnostic::error(None, why);
    let meta = match std::fs::metadata(path) {
        Ok(meta) => meta,
        Err(e) => {
            return match broken_link(path) {
                Some(why) => Err(whole(why)),
                None if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
                None => Err(whole(format!("the file cannot be read: {e}"))),
            };
        }
    };
    if !meta.is_file() {
        return Err(whole(if meta.is_dir() {
            format!(
                "it is a folder, not a file; name the config file in it (as {})",
                path.join("config.toml").display()
            )
        } else {
            format!(
                "it is {}, not a file; name a config file (TOML, as `trustladder config init` writes it)",
                not_a_file(&meta)
            )
        }));
    }
    if meta.len() > MAX_BYTES {
        return Err(whole(format!(
            "the file is {} bytes, too big for a config file (at most {MAX_BYTES})",
            meta.len()
        )));
    }
    let bytes = std::fs::read(path).map_err(|e| whole(format!("the file cannot be read: {e}")))?;
    String::from_utf8(bytes).map(Some).map_err(|e| not_utf8(&e))
}

/// Where a file that is not UTF-8 stops being so: the line, and the column (in characters)
/// of the first byte that is not, so that one stray byte in a long file can be found.
fn not_utf8(e: &std::string::FromUtf8Error) -> Diagnostic {
    let bytes = e.as_bytes();
    let good = bytes
        .get(..e.utf8_error().valid_up_to())
        .unwrap_or_default();
    let line_start = good.iter().rposition(|b| *b == b'\n').map_or(0, |i| i + 1);
    let line = good.iter().filter(|b| **b == b'\n').count() + 1;
    // The bytes before the bad one are UTF-8, so each character starts with a byte that is
    // not a continuation byte (10xxxxxx).
    let column = good[line_start..]
        .iter()
        .filter(|b| (**b & 0xC0) != 0x80)
        .count()
        + 1;
    Diagnostic::error(
        line,
        format!(
            "the file is not UTF-8 text: the byte at column {column} of this line is not; save the file as UTF-8"
        ),
    )
}

/// Whether `path` asks for no config file at all: `/dev/null`, as other tools take it.
pub fn names_none(path: &Path) -> bool {
    path == Path::new("/dev/null")
}

/// Whether something is at `path`, a link that leads nowhere included: then the config file
/// is there to be fixed, not missing.
pub fn is_there(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok()
}

/// Why a symbolic link at `path` gives no file, when it is one that does not: it names a
/// file that does not exist, or it leads round in a loop.
pub fn broken_link(path: &Path) -> Option<String> {
    let target = std::fs::read_link(path).ok()?;
    let target = crate::core::text::sanitize(&target.display().to_string());
    match std::fs::metadata(path) {
        Ok(_) => None,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Some(format!(
            "it is a symbolic link to {target}, which does not exist"
        )),
        Err(e) if e.raw_os_error() == Some(nix::errno::Errno::ELOOP as i32) => Some(format!(
            "it is a symbolic link to {target}, and the links lead round in a loop"
        )),
        Err(e) => Some(format!(
            "it is a symbolic link to {target}, which cannot be read: {e}"
        )),
    }
}

/// Whether any finding is an error.
pub fn has_errors(diagnostics: &[Diagnostic]) -> bool {
    diagnostics.iter().any(|d| d.severity == Severity::Error)
}
