//! Long text in the user's own editor: a field's text goes to `$VISUAL` or `$EDITOR` in a
//! temporary file and comes back when the editor exits, as gitui does for commit messages.
//! The run loop, which owns the terminal, hands it over around [`edit_with`]; nothing here
//! touches the terminal. The file is alone in a private folder of its own, and [`Lent`] lets
//! the signal watcher end an editor still running (with all it started) when the UI must end,
//! so that the folder never outlives the UI.

use std::io::Write;
use std::os::unix::fs::PermissionsExt;
use std::path::PathBuf;
use std::process::Command;
use std::sync::atomic::{AtomicI32, Ordering};
use std::sync::{Condvar, Mutex};
use std::time::{Duration, Instant};

use nix::sys::signal::{SigHandler, Signal};
use nix::unistd::Pid;

use super::message::NotEdited;

/// The editor to run: `$VISUAL`, else `$EDITOR`, else `vi`, as git chooses.
pub fn command() -> String {
    ["VISUAL", "EDITOR"]
        .into_iter()
        .filter_map(std::env::var_os)
        .map(|v| v.to_string_lossy().trim().to_string())
        .find(|v| !v.is_empty())
        .unwrap_or_else(|| "vi".to_string())
}

/// Where the editor's file goes: the temporary folder, or for an encrypted ledger a private
/// folder in memory, so that no plain text of it (nor the editor's swap file beside it) ever
/// reaches the disk. Either way the file is alone in a new folder only the user can open,
/// removed whole once the editor is done, with whatever the editor left beside the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    Temporary,
    InMemory,
}

/// The folders kept in memory, in the order they are tried: `$XDG_RUNTIME_DIR` (a tmpfs of
/// the user's own on systemd machines), then `/dev/shm`.
fn memory_folders() -> Vec<PathBuf> {
    memory_folders_with(std::env::var_os("XDG_RUNTIME_DIR"))
}

/// [`memory_folders`] with `runtime` for `$XDG_RUNTIME_DIR`, which is ignored unless it is an
/// absolute path, as the XDG specification asks (and the agent does): a relative one names a
/// folder on disk under wherever the UI was started.
fn memory_folders_with(runtime: Option<std::ffi::OsString>) -> Vec<PathBuf> {
    runtime
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .into_iter()
        .chain([PathBuf::from("/dev/shm")])
        .filter(|p| p.is_dir())
        .collect()
}

/// The editor while it runs, for the signal watcher, which may end the UI meanwhile: the
/// editor's process, to end it with every process it started, and its folder, to remove.
#[derive(Debug, Default)]
pub struct Lent {
    state: Mutex<LentState>,
    /// Told when the editor that was ended is gone with all it started.
    ended: Condvar,
}

#[derive(Debug, Default)]
struct LentState {
    /// The UI is ending: no editor starts from now on.
    ending: bool,
    /// The editor that was ended is gone with all it started (or was killed and given up on).
    ended: bool,
    /// It had to be killed, so it may have left the terminal as it had it (its alternate
    /// screen, its modes).
    killed: bool,
    editor: Option<Pid>,
    folder: Option<PathBuf>,
}

impl Lent {
    fn state(&self) -> std::sync::MutexGuard<'_, LentState> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Whether an editor is running.
    #[cfg(test)]
    pub fn running(&self) -> bool {
        self.state().editor.is_some()
    }

    /// Whether an editor had to be killed, leaving the terminal as it had it.
    pub fn killed(&self) -> bool {
        self.state().killed
    }

    /// Ends the editor that runs, if one does, and every process it started: `signal` (and
    /// SIGCONT, in case they were stopped), then SIGKILL to those still there after `patience`.
    /// Returns once they are gone, or half a second after the SIGKILL. No editor starts after
    /// this.
    pub fn end(&self, signal: Signal, patience: Duration) {
        let editor = {
            let mut state = self.state();
            state.ending = true;
            state.editor
        };
        if let Some(editor) = editor {
            let mut family = Family::of(editor);
            family.signal(signal);
            if !family.wait_gone(Some(signal), patience) {
                self.state().killed = true;
                family.signal(Signal::SIGKILL);
                family.wait_gone(Some(Signal::SIGKILL), Duration::from_millis(500));
            }
        }
        self.state().ended = true;
        self.ended.notify_all();
    }

    /// Once the editor's process is over: when the UI is ending, waits (a few seconds at most)
    /// for [`Lent::end`] to be done with what the editor started, which may outlive it (`sh`
    /// goes at once, the editor it started takes its time), so that the folder is removed
    /// after the last of them, and the terminal given back after.
    fn editor_gone(&self) {
        let mut state = self.state();
        state.editor = None;
        EDITOR_ON_ABORT.store(0, Ordering::SeqCst);
        if state.ending {
            let _ = self
                .ended
                .wait_timeout_while(state, Duration::from_secs(5), |s| !s.ended);
        }
    }

    /// Removes the editor's folder and all in it, if it is still there: the last resort of a
    /// UI ending before the editor's run was over.
    pub fn remove_folder(&self) {
        if let Some(folder) = self.state().folder.take() {
            let _ = std::fs::remove_dir_all(folder);
        }
    }
}

/// Writes `text` to a new private temporary file at `place`, runs `command` on it and returns
/// what the file holds once it exits. The command goes through `sh`, so an editor given with
/// its arguments (`code --wait`, `emacsclient -t`) works as it does for git. The file's folder
/// is removed afterwards whatever happens; `lent` knows both while the editor runs.
pub fn edit_with(
    command: &str,
    text: &str,
    place: Place,
    lent: &Lent,
) -> Result<String, NotEdited> {
    let folder = match place {
        Place::Temporary => private_folder(&[std::env::temp_dir()]).ok_or_else(|| {
            "could not make a temporary folder for the editor's file; the text stays in the form"
                .to_string()
        })?,
        Place::InMemory => private_folder(&memory_folders()).ok_or_else(|| {
            "the ledger is encrypted and there is no folder in memory ($XDG_RUNTIME_DIR or /dev/shm) for the editor's file; the text stays in the form".to_string()
        })?,
    };
    lent.state().folder = Some(folder.path().to_path_buf());
    let edited = edit_in(folder.path(), command, text, lent);
    // Removed before `lent` forgets it, so the folder is always known to one or the other.
    let _ = folder.close();
    lent.state().folder = None;
    edited
}

/// [`edit_with`] in `folder`.
fn edit_in(
    folder: &std::path::Path,
    command: &str,
    text: &str,
    lent: &Lent,
) -> Result<String, NotEdited> {
    let mut file = tempfile::Builder::new()
        .prefix("trustladder-")
        .suffix(".txt")
        .tempfile_in(folder)
        .map_err(|e| format!("could not make a temporary file: {e}"))?;
    writeln!(file, "{text}")
        .and_then(|()| file.flush())
        .map_err(|e| format!("could not write the temporary file: {e}"))?;
    let mut child = {
        // Started and noted under the lock, so the signal watcher either sees it or stops it
        // from starting.
        let mut state = lent.state();
        if state.ending {
            return Err("the UI is ending".to_string().into());
        }
        let child = Command::new("sh")
            .arg("-c")
            .arg(format!("{command} \"$1\""))
            .arg("sh")
            .arg(file.path())
            .spawn()
            .map_err(|e| format!("could not run {command}: {e}"))?;
        state.editor = i32::try_from(child.id()).ok().map(Pid::from_raw);
        EDITOR_ON_ABORT.store(state.editor.map_or(0, Pid::as_raw), Ordering::SeqCst);
        child
    };
    // Ctrl-\ typed in an editor that leaves it to the terminal reaches the whole job as
    // SIGQUIT: it is the editor's, as git leaves it, not a reason to end the UI without its
    // cleanup. Ignored only once the editor has started, which so keeps its own.
    let quit = set_quit(SigHandler::SigIgn);
    let status = child.wait();
    if let Some(before) = quit {
        set_quit(before);
    }
    lent.editor_gone();
    let status = status.map_err(|e| format!("could not wait for {command}: {e}"))?;
    if !status.success() {
        return Err(ended(command, status));
    }
    let bytes =
        std::fs::read(file.path()).map_err(|e| format!("could not read the text back: {e}"))?;
    String::from_utf8(bytes).map_err(|_| {
        "the text came back as something other than UTF-8"
            .to_string()
            .into()
    })
}

/// Why the editor's run failed. `sh` ends with 127 where it found no program by the command's
/// name, and 126 where it found one it could not run: said so, with the variables that name
/// it, rather than as a bare "exit status: 127".
fn ended(command: &str, status: std::process::ExitStatus) -> NotEdited {
    match status.code() {
        Some(127) => NotEdited::NotFound(command.to_string()),
        Some(126) => NotEdited::NotAProgram(command.to_string()),
        _ => NotEdited::Other(format!("{command} ended with {status}")),
    }
}

/// A new folder only the user can open, in the first of `bases` that takes one; `None` when
/// none does, so that the text stays in the form rather than going elsewhere. Its name holds
/// this process's number and start, so that one a killed UI left behind is known for what it
/// is, and never taken for another program's folder.
fn private_folder(bases: &[PathBuf]) -> Option<tempfile::TempDir> {
    bases.iter().find_map(|base| {
        clear_leftovers_in(base);
        let me = std::process::id();
        let started = stat(i32::try_from(me).unwrap_or(0)).map_or(0, |(_, started, _)| started);
        tempfile::Builder::new()
            .prefix(&format!("{FOLDER_PREFIX}{me}-{started}-"))
            .permissions(std::fs::Permissions::from_mode(0o700))
            .tempdir_in(base)
            .ok()
    })
}

/// How an editor's folder is named: then its UI's process number and start, and random
/// letters. Hidden, and named for this program's editor alone.
const FOLDER_PREFIX: &str = ".trustladder-editor-";

/// Removes the editor's folders that a UI killed outright (SIGKILL, which no cleanup sees)
/// left with a note in them, plain text even of an encrypted ledger: the folders in memory
/// and in the temporary folder that this program made (by their name, and holding nothing
/// but the editor's files), this user's own, for a UI no longer running.
pub fn clear_leftovers() {
    for base in memory_folders().iter().chain([&std::env::temp_dir()]) {
        clear_leftovers_in(base);
    }
}

fn clear_leftovers_in(base: &std::path::Path) {
    let Ok(entries) = std::fs::read_dir(base) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(owner) = name
            .to_str()
            .and_then(|n| n.strip_prefix(FOLDER_PREFIX))
            .and_then(folder_owner)
        else {
            continue;
        };
        if !Family::alive(&owner) {
            remove_if_editors(&entry.path());
        }
    }
}

/// The UI a folder's name after the prefix says made it: `PID-START-letters`.
fn folder_owner(rest: &str) -> Option<Process> {
    let mut parts = rest.splitn(3, '-');
    let pid = parts.next()?.parse::<i32>().ok().filter(|pid| *pid > 0)?;
    let started = parts.next()?.parse::<u64>().ok()?;
    parts.next()?;
    Some(Process {
        pid: Pid::from_raw(pid),
        started,
    })
}

/// Removes `folder` when it is a folder of this user's (not a link) holding only files (the
/// note, and what an editor keeps beside it: a swap file, a backup), never a folder in it.
fn remove_if_editors(folder: &std::path::Path) {
    use std::os::unix::fs::MetadataExt;
    let me = nix::unistd::geteuid().as_raw();
    let ours = std::fs::symlink_metadata(folder).is_ok_and(|m| m.is_dir() && m.uid() == me);
    let Ok(entries) = std::fs::read_dir(folder) else {
        return;
    };
    let files: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
    let only_files = files
        .iter()
        .all(|f| std::fs::symlink_metadata(f).is_ok_and(|m| m.is_file() && m.uid() == me));
    if !ours || !only_files {
        return;
    }
    for file in &files {
        let _ = std::fs::remove_file(file);
    }
    let _ = std::fs::remove_dir(folder);
}

/// A process, known by its number and when it started, so that a number the system has given
/// to another process since is never signalled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Process {
    pid: Pid,
    started: u64,
}

/// What `/proc/PID/stat` says of a process: its parent, when it started, and whether it is
/// still running (not a zombie waiting to be reaped).
fn stat(pid: i32) -> Option<(i32, u64, bool)> {
    parse_stat(&std::fs::read(format!("/proc/{pid}/stat")).ok()?)
}

/// [`stat`] of the bytes of `/proc/PID/stat`, allocating nothing, so that the handler of
/// SIGABRT may use it too.
fn parse_stat(stat: &[u8]) -> Option<(i32, u64, bool)> {
    // The name, in parentheses, may hold spaces: the fields after it are counted from field 3.
    let close = stat.iter().rposition(|b| *b == b')')?;
    let mut fields = stat
        .get(close + 1..)?
        .split(|b| b.is_ascii_whitespace())
        .filter(|f| !f.is_empty());
    let running = !matches!(fields.next()?, b"Z" | b"X");
    let parent = i32::try_from(number(fields.next()?)?).ok()?;
    // Field 22, counted on from field 5.
    let started = number(fields.nth(22 - 5)?)?;
    Some((parent, started, running))
}

/// The decimal number `digits` spells, allocating nothing; `None` for anything else.
fn number(digits: &[u8]) -> Option<u64> {
    if digits.is_empty() {
        return None;
    }
    digits.iter().try_fold(0u64, |n, d| {
        d.is_ascii_digit()
            .then(|| n.checked_mul(10)?.checked_add(u64::from(d - b'0')))
            .flatten()
    })
}

/// The editor's process while it runs, 0 when none does: what the handler of SIGABRT ends
/// ([`end_on_abort`]), which may take no lock and so cannot ask [`Lent`].
static EDITOR_ON_ABORT: AtomicI32 = AtomicI32::new(0);

/// The most processes of the editor's that [`end_on_abort`] follows: far more than an
/// editor starts (a shell, the editor, a language server or two).
const ABORT_FAMILY: usize = 64;

/// How long [`end_on_abort`] gives the editor to end on SIGTERM before it kills it, as the
/// UI's signal watcher does.
const ABORT_PATIENCE: Duration = Duration::from_secs(1);

/// Ends the editor that runs, if one does, with every process it started, from the handler
/// of SIGABRT: an abort ends the UI past the signal watcher, and had left the editor running
/// with the terminal, orphaned. SIGTERM (and SIGCONT) first, then SIGKILL to those still there
/// after [`ABORT_PATIENCE`], as [`Lent::end`] does, but with async-signal-safe calls alone
/// (`open`, `read`, `getdents64`, `kill`, `nanosleep`) and no allocation: the abort may have
/// come from an allocator that holds its lock. `None` when no editor ran; else whether one
/// had to be killed, leaving the terminal as it had it. Its folder is left to the next start's
/// [`clear_leftovers`].
pub fn end_on_abort() -> Option<bool> {
    let editor = EDITOR_ON_ABORT.swap(0, Ordering::SeqCst);
    if editor <= 0 {
        return None;
    }
    let mut family = RawFamily::of(editor);
    family.signal(libc::SIGTERM);
    let steps = ABORT_PATIENCE.as_millis() / ABORT_STEP.as_millis();
    for _ in 0..steps {
        family.gather(libc::SIGTERM);
        if !family.any_alive() {
            return Some(false);
        }
        pause_in_handler();
    }
    family.gather(libc::SIGTERM);
    family.signal(libc::SIGKILL);
    for _ in 0..25 {
        if !family.any_alive() {
            break;
        }
        pause_in_handler();
    }
    Some(true)
}

/// How long [`end_on_abort`] waits between its looks at the editor's processes.
const ABORT_STEP: Duration = Duration::from_millis(20);

/// Sleeps for [`ABORT_STEP`] with `nanosleep`, which a signal handler may call.
fn pause_in_handler() {
    let time = libc::timespec {
        tv_sec: 0,
        tv_nsec: 20_000_000,
    };
    // SAFETY: `time` lives for the whole call; nothing is written back (no remainder asked).
    unsafe { libc::nanosleep(&time, std::ptr::null_mut()) };
}

/// [`Family`] in a fixed array, found through `/proc` with no allocation: for the handler of
/// SIGABRT.
struct RawFamily {
    members: [(i32, u64); ABORT_FAMILY],
    len: usize,
}

impl RawFamily {
    fn of(editor: i32) -> RawFamily {
        let started = raw_stat(editor).map_or(0, |(_, started, _)| started);
        let mut family = RawFamily {
            members: [(0, 0); ABORT_FAMILY],
            len: 1,
        };
        family.members[0] = (editor, started);
        family.gather(0);
        family
    }

    fn members(&self) -> &[(i32, u64)] {
        &self.members[..self.len]
    }

    fn has(&self, pid: i32) -> bool {
        self.members().iter().any(|(p, _)| *p == pid)
    }

    /// Adds the children of every member, and theirs, sending each one added `signal` (none
    /// for 0), until no more are found or the array is full.
    fn gather(&mut self, signal: libc::c_int) {
        loop {
            let before = self.len;
            each_process(|pid| {
                if self.len == ABORT_FAMILY || self.has(pid) {
                    return;
                }
                if let Some((parent, started, true)) = raw_stat(pid)
                    && self.has(parent)
                {
                    self.members[self.len] = (pid, started);
                    self.len += 1;
                    if signal != 0 {
                        send(pid, signal);
                    }
                }
            });
            if self.len == before || self.len == ABORT_FAMILY {
                return;
            }
        }
    }

    fn alive(&(pid, started): &(i32, u64)) -> bool {
        raw_stat(pid).is_some_and(|(_, now, running)| running && (started == 0 || now == started))
    }

    fn any_alive(&self) -> bool {
        self.members().iter().any(RawFamily::alive)
    }

    fn signal(&self, signal: libc::c_int) {
        for member in self.members().iter().filter(|m| RawFamily::alive(m)) {
            send(member.0, signal);
        }
    }
}

/// `signal`, then SIGCONT in case the process was stopped.
fn send(pid: i32, signal: libc::c_int) {
    // SAFETY: `kill` is async-signal-safe and touches no memory of ours.
    unsafe {
        libc::kill(pid, signal);
        libc::kill(pid, libc::SIGCONT);
    }
}

/// [`stat`] read with `open` and `read` into memory on the stack, for the handler of SIGABRT.
fn raw_stat(pid: i32) -> Option<(i32, u64, bool)> {
    let mut path = [0u8; 32];
    let mut at = 0;
    let mut put = |bytes: &[u8]| {
        for b in bytes {
            *path.get_mut(at)? = *b;
            at += 1;
        }
        Some(())
    };
    put(b"/proc/")?;
    let mut digits = [0u8; 10];
    let mut left = u32::try_from(pid).ok()?;
    let mut first = digits.len();
    loop {
        first -= 1;
        digits[first] = b'0' + u8::try_from(left % 10).ok()?;
        left /= 10;
        if left == 0 || first == 0 {
            break;
        }
    }
    put(&digits[first..])?;
    put(b"/stat\0")?;
    let mut buf = [0u8; 1024];
    // SAFETY: `path` ends in a NUL, `buf` is valid for its length, and the descriptor opened
    // here is closed here; each call is async-signal-safe.
    let read = unsafe {
        let fd = libc::open(path.as_ptr().cast(), libc::O_RDONLY | libc::O_CLOEXEC);
        if fd < 0 {
            return None;
        }
        let read = libc::read(fd, buf.as_mut_ptr().cast(), buf.len());
        libc::close(fd);
        read
    };
    parse_stat(buf.get(..usize::try_from(read).ok()?)?)
}

/// Calls `f` with the number of each process in `/proc`, listed with `getdents64` into memory
/// on the stack, for the handler of SIGABRT.
fn each_process(mut f: impl FnMut(i32)) {
    // SAFETY: the path ends in a NUL; the descriptor opened here is closed here.
    let fd = unsafe {
        libc::open(
            c"/proc".as_ptr(),
            libc::O_RDONLY | libc::O_DIRECTORY | libc::O_CLOEXEC,
        )
    };
    if fd < 0 {
        return;
    }
    // Aligned for the records the kernel writes, though they are read here byte by byte.
    let mut buf = [0u64; 512];
    loop {
        // SAFETY: `buf` is valid for its length in bytes for the whole call.
        let got = unsafe {
            libc::syscall(
                libc::SYS_getdents64,
                fd,
                buf.as_mut_ptr(),
                std::mem::size_of_val(&buf),
            )
        };
        let Ok(got) = usize::try_from(got) else { break };
        if got == 0 {
            break;
        }
        // SAFETY: the kernel wrote `got` bytes of `buf`, which holds more than that.
        let bytes = unsafe { std::slice::from_raw_parts(buf.as_ptr().cast::<u8>(), got) };
        // Each record: inode (8 bytes), offset (8), its length (2), type (1), name ending in NUL.
        let mut at = 0;
        while let Some(record) = bytes.get(at..at + 19) {
            let len = usize::from(u16::from_ne_bytes([record[16], record[17]]));
            let Some(name) = bytes.get(at + 19..at + len.max(19)) else {
                break;
            };
            let name = name.split(|b| *b == 0).next().unwrap_or_default();
            if let Some(pid) = number(name).and_then(|n| i32::try_from(n).ok()) {
                f(pid);
            }
            if len == 0 {
                break;
            }
            at += len;
        }
    }
    // SAFETY: `fd` was opened above and is closed once.
    unsafe { libc::close(fd) };
}

/// An editor and every process it started (found through `/proc`), each signalled as one.
struct Family {
    members: Vec<Process>,
}

impl Family {
    fn of(editor: Pid) -> Family {
        let started = stat(editor.as_raw()).map_or(0, |(_, started, _)| started);
        let mut family = Family {
            members: vec![Process {
                pid: editor,
                started,
            }],
        };
        family.gather();
        family
    }

    /// Adds the children of every member, and theirs, that are not members yet.
    fn gather(&mut self) -> Vec<Process> {
        let Ok(entries) = std::fs::read_dir("/proc") else {
            return Vec::new();
        };
        let all: Vec<(Process, i32)> = entries
            .filter_map(Result::ok)
            .filter_map(|e| e.file_name().to_str()?.parse::<i32>().ok())
            .filter_map(|pid| {
                let (parent, started, _) = stat(pid)?;
                Some((
                    Process {
                        pid: Pid::from_raw(pid),
                        started,
                    },
                    parent,
                ))
            })
            .collect();
        let mut added = Vec::new();
        loop {
            let more: Vec<Process> = all
                .iter()
                .filter(|(p, parent)| {
                    !self.members.contains(p)
                        && self.members.iter().any(|m| m.pid.as_raw() == *parent)
                })
                .map(|(p, _)| *p)
                .collect();
            if more.is_empty() {
                return added;
            }
            self.members.extend(&more);
            added.extend(more);
        }
    }

    fn alive(p: &Process) -> bool {
        match stat(p.pid.as_raw()) {
            Some((_, started, running)) => running && (p.started == 0 || started == p.started),
            // Without `/proc` to ask, the system says whether the number is in use.
            None => {
                !std::path::Path::new("/proc/self").exists()
                    && nix::sys::signal::kill(p.pid, None).is_ok()
            }
        }
    }

    fn signal(&self, signal: Signal) {
        for p in self.members.iter().filter(|p| Family::alive(p)) {
            let _ = nix::sys::signal::kill(p.pid, signal);
            let _ = nix::sys::signal::kill(p.pid, Signal::SIGCONT);
        }
    }

    /// Waits up to `patience` for every member to be gone; a process a member starts
    /// meanwhile joins the family and gets `signal` too. Whether they all went.
    fn wait_gone(&mut self, signal: Option<Signal>, patience: Duration) -> bool {
        let deadline = Instant::now() + patience;
        loop {
            for late in self.gather() {
                if let Some(signal) = signal {
                    let _ = nix::sys::signal::kill(late.pid, signal);
                }
            }
            if !self.members.iter().any(Family::alive) {
                return true;
            }
            if Instant::now() >= deadline {
                return false;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

/// Sets what SIGQUIT does to this process; returns what it did before, or `None` where it
/// could not be set.
fn set_quit(handler: SigHandler) -> Option<SigHandler> {
    // SAFETY: ignoring the signal or putting back the disposition it had runs no code of
    // ours in a signal handler.
    unsafe { nix::sys::signal::signal(Signal::SIGQUIT, handler) }.ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The stat line is read the same without allocating, for the handler of SIGABRT: a name
    /// with spaces and parentheses in it moves no field.
    #[test]
    fn a_stat_line_is_read_without_allocating_as_with() {
        let line = b"4242 (my (odd) editor) S 17 4242 4242 34816 4242 4194304 1 2 3 4 5 6 7 8 20 0 1 0 987654 1000 100\n";
        assert_eq!(parse_stat(line), Some((17, 987654, true)));
        let zombie =
            b"4242 (ed) Z 17 4242 4242 34816 4242 4194304 1 2 3 4 5 6 7 8 20 0 1 0 5 0 0\n";
        assert_eq!(parse_stat(zombie), Some((17, 5, false)));
        assert_eq!(parse_stat(b"4242 (cut short) S 17"), None);
        let me = i32::try_from(std::process::id()).unwrap();
        assert!(raw_stat(me).is_some());
        assert_eq!(raw_stat(me), stat(me));
        let mut listed = Vec::new();
        each_process(|pid| listed.push(pid));
        assert!(listed.contains(&me), "{listed:?}");
    }

    #[test]
    fn a_folder_a_killed_ui_left_is_cleared_and_no_other() {
        let base = tempfile::tempdir().unwrap();
        // A process that has ended: its number names no running one.
        let mut gone = Command::new("true").spawn().unwrap();
        let gone_pid = gone.id();
        gone.wait().unwrap();
        let folder = |name: String| {
            let path = base.path().join(name);
            std::fs::create_dir(&path).unwrap();
            std::fs::write(path.join("trustladder-x.txt"), "the note").unwrap();
            path
        };
        let left = folder(format!(".trustladder-editor-{gone_pid}-0-AbC123"));
        let mine = folder(format!(
            ".trustladder-editor-{}-0-XyZ789",
            std::process::id()
        ));
        // Another program's folders, even named alike, and one holding a folder, stay.
        let other = folder(format!("trustladder-{gone_pid}-bugfix"));
        let deeper = folder(format!(".trustladder-editor-{gone_pid}-0-Deep12"));
        std::fs::create_dir(deeper.join("src")).unwrap();
        let zero = folder(".trustladder-editor-0-0-Zero12".to_string());
        clear_leftovers_in(base.path());
        assert!(!left.exists());
        assert!(mine.exists(), "this process's own stays");
        assert!(other.exists(), "a folder of another kind stays");
        assert!(
            deeper.join("src").exists(),
            "a folder with a folder in it stays"
        );
        assert!(zero.exists(), "no process 0 names a folder");
        // The folder made for an editor carries this process's number.
        let made = private_folder(&[base.path().to_path_buf()]).unwrap();
        let name = made
            .path()
            .file_name()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        assert!(
            name.starts_with(&format!(".trustladder-editor-{}-", std::process::id())),
            "{name}"
        );
    }

    #[test]
    fn a_relative_runtime_folder_is_not_taken_for_one_in_memory() {
        let shm: Vec<PathBuf> = [PathBuf::from("/dev/shm")]
            .into_iter()
            .filter(|p| p.is_dir())
            .collect();
        // `.` is a folder wherever the tests run, and on disk.
        assert_eq!(memory_folders_with(Some(".".into())), shm);
        assert_eq!(memory_folders_with(Some("".into())), shm);
        let runtime = tempfile::tempdir().unwrap();
        let folders = memory_folders_with(Some(runtime.path().into()));
        assert_eq!(folders.first().map(PathBuf::as_path), Some(runtime.path()));
    }

    #[test]
    fn the_text_comes_back_as_the_editor_left_it() {
        let back = edit_with(
            "sed -i 's/draft/final/'",
            "the draft note",
            Place::Temporary,
            &Lent::default(),
        )
        .unwrap();
        assert_eq!(back, "the final note\n");
    }

    #[test]
    fn an_editor_given_with_arguments_runs_through_the_shell() {
        let back = edit_with(
            "printf 'line one\\nline two\\n' >",
            "old",
            Place::Temporary,
            &Lent::default(),
        )
        .unwrap();
        assert_eq!(back, "line one\nline two\n");
    }

    #[test]
    fn an_editor_that_fails_changes_nothing_and_says_so() {
        assert_eq!(
            edit_with("false", "kept", Place::Temporary, &Lent::default()),
            Err(NotEdited::Other(
                "false ended with exit status: 1".to_string()
            ))
        );
        let missing = edit_with(
            "no-such-editor-here",
            "kept",
            Place::Temporary,
            &Lent::default(),
        )
        .unwrap_err();
        assert_eq!(
            missing.to_string(),
            "`no-such-editor-here` was not found (set $VISUAL or $EDITOR to an editor that is installed)"
        );
        assert_eq!(
            missing.short().as_deref(),
            Some("Editor `no-such…or-here` not found. Set $VISUAL or $EDITOR.")
        );
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().display().to_string();
        assert_eq!(
            edit_with(&folder, "kept", Place::Temporary, &Lent::default())
                .unwrap_err()
                .to_string(),
            format!(
                "`{folder}` could not be run, as it is not a program (set $VISUAL or $EDITOR to an editor that is installed)"
            )
        );
    }

    #[test]
    fn the_temporary_file_is_gone_afterwards() {
        let dir = tempfile::tempdir().unwrap();
        let record = dir.path().join("path");
        let command = format!("printf '%s' \"$1\" > '{}'; true", record.display());
        edit_with(&command, "private", Place::Temporary, &Lent::default()).unwrap();
        let used = std::fs::read_to_string(&record).unwrap();
        assert!(used.contains("trustladder-"), "{used}");
        let used = std::path::Path::new(&used);
        assert!(!used.exists(), "{used:?} was left behind");
        // The file was alone in a folder of its own, which went with it (and with whatever
        // an editor leaves beside its file: a swap file, a backup).
        let folder = used.parent().unwrap();
        assert!(
            folder
                .file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with(".trustladder-editor-"),
            "{used:?}"
        );
        assert!(!folder.exists(), "{folder:?} was left behind");
    }

    /// Whether a process is gone: no longer there, or dead and waiting to be reaped.
    fn gone(pid: i32) -> bool {
        stat(pid).is_none_or(|(_, _, running)| !running)
    }

    #[test]
    fn an_editor_ended_meanwhile_goes_with_what_it_started_and_its_folder() {
        let dir = tempfile::tempdir().unwrap();
        let record = dir.path().join("record");
        // A stubborn editor: it ignores SIGTERM, and so does the process it waits for.
        let command = format!(
            "trap '' TERM; printf '%s\\n' \"$1\" $$ > '{0}.part'; sleep 30 & echo $! >> '{0}.part'; mv '{0}.part' '{0}'; wait; true",
            record.display()
        );
        let lent = std::sync::Arc::new(Lent::default());
        let running = {
            let lent = std::sync::Arc::clone(&lent);
            std::thread::spawn(move || edit_with(&command, "private", Place::Temporary, &lent))
        };
        let started = Instant::now();
        while !record.exists() {
            assert!(
                started.elapsed() < Duration::from_secs(10),
                "the editor never ran"
            );
            std::thread::sleep(Duration::from_millis(10));
        }
        let lines: Vec<String> = std::fs::read_to_string(&record)
            .unwrap()
            .lines()
            .map(str::to_string)
            .collect();
        let [file, editor, child] = lines.as_slice() else {
            panic!("{lines:?}");
        };
        assert!(lent.running());
        let ending = Instant::now();
        lent.end(Signal::SIGTERM, Duration::from_millis(300));
        assert!(
            ending.elapsed() < Duration::from_secs(2),
            "{:?}",
            ending.elapsed()
        );
        let edited = running.join().unwrap();
        assert!(edited.is_err(), "{edited:?}");
        for pid in [editor, child] {
            assert!(gone(pid.parse().unwrap()), "{pid} is still running");
        }
        let file = std::path::Path::new(file);
        assert!(
            !file.parent().unwrap().exists(),
            "{file:?}'s folder was left behind"
        );
        assert!(!lent.running());
        // No editor starts once the UI is ending.
        assert_eq!(
            edit_with("true", "private", Place::Temporary, &lent),
            Err(NotEdited::Other("the UI is ending".to_string()))
        );
    }

    #[test]
    fn an_encrypted_ledgers_text_goes_to_a_private_folder_in_memory_and_leaves_with_it() {
        let dir = tempfile::tempdir().unwrap();
        let record = dir.path().join("path");
        let command = format!(
            "stat -c '%a' \"$(dirname \"$1\")\" > '{0}'; printf '%s' \"$1\" >> '{0}'; true",
            record.display()
        );
        edit_with(&command, "private", Place::InMemory, &Lent::default()).unwrap();
        let used = std::fs::read_to_string(&record).unwrap();
        let (mode, path) = used.split_once('\n').unwrap();
        assert_eq!(mode, "700");
        let path = std::path::Path::new(path);
        let bases = memory_folders();
        assert!(
            bases.iter().any(|b| path.starts_with(b)),
            "{path:?} is not under {bases:?}"
        );
        assert!(!path.exists());
        assert!(
            !path.parent().unwrap().exists(),
            "the folder was left behind"
        );
    }
}
