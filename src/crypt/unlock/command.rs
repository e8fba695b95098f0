//! The passphrase command, for scripts: run with the shell, its first line read into one
//! buffer that is wiped, and a notice on stderr should it keep a command waiting.

use std::io::Read;
use std::process::{Command, Stdio};
use std::time::Duration;

use secrecy::SecretString;
use zeroize::Zeroizing;

use crate::crypt::CryptError;

use super::env::{FOR_LEDGER, PASSPHRASE_COMMAND_ENV, PASSPHRASE_FOR_ENV};
use super::policy::{Ask, UI, policy};

/// The most a passphrase command may print, 4 KiB: it is read into a buffer of that size
/// made once, so no copy of the passphrase is left behind by a buffer that grew.
const MAX_PASSPHRASE_BYTES: usize = 4 << 10;

/// Runs `command` with the shell and takes the first line of its output, less its line break,
/// as the passphrase: `pass`'s convention (`pass show` prints the password first, then a
/// login, a URL or notes), which every reader of `TRUSTLADDER_PASSPHRASE_COMMAND` and
/// `TRUSTLADDER_NEW_PASSPHRASE_COMMAND` goes by. Its output is read into one buffer, wiped
/// afterwards, whatever the outcome.
///
/// The command `encrypt` runs for the ledger's new key ([`PASSPHRASE_COMMAND_ENV`]) is run
/// with [`PASSPHRASE_FOR_ENV`] set to [`FOR_LEDGER`], as it is for the ledger's own key
/// whenever it runs; any other (the new passphrase's) without that variable, whatever the
/// environment holds, so a script that answers by it is never taken for asked for a key's
/// passphrase it keeps.
pub fn run_passphrase_command(command: &str, var: &str) -> Result<SecretString, CryptError> {
    let asked_for = (var == PASSPHRASE_COMMAND_ENV).then_some(std::ffi::OsStr::new(FOR_LEDGER));
    run_command(command, var, asked_for)
}

/// [`run_passphrase_command`], the command run with [`PASSPHRASE_FOR_ENV`] set to
/// `asked_for` where it is given, and removed from its environment where it is not.
pub(super) fn run_command(
    command: &str,
    var: &str,
    asked_for: Option<&std::ffi::OsStr>,
) -> Result<SecretString, CryptError> {
    let failed = |why: String| CryptError::PassphraseCommand {
        var: var.to_string(),
        why,
    };
    let mut child = Command::new("sh");
    match asked_for {
        Some(asked_for) => child.env(PASSPHRASE_FOR_ENV, asked_for),
        None => child.env_remove(PASSPHRASE_FOR_ENV),
    };
    let mut child = child
        .arg("-c")
        .arg(command)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .map_err(|e| failed(format!("could not run it: {e}")))?;
    let notice = still_waiting(var);
    let mut out = Zeroizing::new(vec![0u8; MAX_PASSPHRASE_BYTES + 1]);
    let read = child
        .stdout
        .take()
        .map_or(Ok(0), |mut stdout| fill(&mut stdout, &mut out));
    // Its output is closed by now: a command still writing ends, and is waited for.
    let status = child.wait();
    notice.end();
    let status = status.map_err(|e| failed(format!("could not run it: {e}")))?;
    let read = read.map_err(|e| failed(format!("could not read its output: {e}")))?;
    // Before its status: a command cut off for printing too much may have died of it.
    if read > MAX_PASSPHRASE_BYTES {
        return Err(failed(format!(
            "it printed more than {MAX_PASSPHRASE_BYTES} bytes"
        )));
    }
    if !status.success() {
        // The shell's own two codes, said in words: its stderr, above, says which word.
        return Err(failed(match status.code() {
            Some(127) => format!("the shell did not find it ({status})"),
            Some(126) => format!("the shell found it but could not run it ({status})"),
            _ => format!("it failed ({status})"),
        }));
    }
    let text = std::str::from_utf8(&out[..read])
        .map_err(|_| failed("its output is not UTF-8".to_string()))?;
    let first = text.split('\n').next().unwrap_or_default();
    let first = first.strip_suffix('\r').unwrap_or(first);
    if first.is_empty() {
        return Err(failed(if text.is_empty() {
            "it printed nothing".to_string()
        } else if text.trim().is_empty() {
            "it printed only an empty line, no passphrase".to_string()
        } else {
            "its first line, the passphrase, is empty (the lines after it are not read)".to_string()
        }));
    }
    Ok(SecretString::from(first))
}

/// How long a passphrase command runs before a command says it is waiting for it.
const NOTICE_AFTER: Duration = Duration::from_secs(2);

/// A line on stderr once a passphrase command has run for [`NOTICE_AFTER`] without being done
/// (one that asks someone, or hangs): a command that seems stuck says what it waits for. Only
/// where a command may speak on the terminal ([`Ask::Terminal`]), or the terminal UI while it
/// opens, before it takes the screen: never over the UI.
struct Notice(Option<(std::sync::mpsc::Sender<()>, std::thread::JoinHandle<()>)>);

fn still_waiting(var: &str) -> Notice {
    let opening_ui = UI.load(std::sync::atomic::Ordering::Relaxed) == 1;
    if policy() != Ask::Terminal && !opening_ui {
        return Notice(None);
    }
    let (done, wait) = std::sync::mpsc::channel::<()>();
    // Named by its variable only: the command's text may hold the passphrase itself.
    let var = var.to_string();
    // Without a thread to spare (memory running low), the command goes on without the notice.
    let thread = std::thread::Builder::new().spawn(move || {
        if wait.recv_timeout(NOTICE_AFTER) == Err(std::sync::mpsc::RecvTimeoutError::Timeout) {
            stderr_line!("trustladder: waiting for {var} to print the passphrase…");
        }
    });
    Notice(thread.ok().map(|thread| (done, thread)))
}

impl Notice {
    /// The command is done: no notice from now on.
    fn end(self) {
        if let Some((done, thread)) = self.0 {
            drop(done);
            let _ = thread.join();
        }
    }
}

/// Reads from `from` until it ends or `buf` is full; how many bytes it read.
fn fill(from: &mut impl Read, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut done = 0;
    while done < buf.len() {
        match from.read(&mut buf[done..]) {
            Ok(0) => break,
            Ok(n) => done += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(done)
}

#[cfg(test)]
mod tests {
    use secrecy::ExposeSecret;

    use super::*;

    #[test]
    fn the_command_gives_the_passphrase_less_its_line_break() {
        let p = run_passphrase_command("printf 'hunter2\\n'", "X").unwrap();
        assert_eq!(p.expose_secret(), "hunter2");
        let p = run_passphrase_command("printf ' spaced \\r\\n'", "X").unwrap();
        assert_eq!(p.expose_secret(), " spaced ");
        // The first line, as `pass show` prints the password before a login or notes.
        let p = run_passphrase_command("printf 'new5\\nlogin: me\\n'", "X").unwrap();
        assert_eq!(p.expose_secret(), "new5");
        let p = run_passphrase_command("printf 'new5\\r\\nextra'", "X").unwrap();
        assert_eq!(p.expose_secret(), "new5");
        assert_eq!(
            run_passphrase_command("printf '\\nextra\\n'", "X")
                .unwrap_err()
                .to_string(),
            "the passphrase command in X: its first line, the passphrase, is empty (the lines after it are not read); nothing was changed: make it print the passphrase on its first line (run it yourself to see what it prints)"
        );
        assert_eq!(
            run_passphrase_command("printf '\\n'", "X")
                .unwrap_err()
                .to_string(),
            "the passphrase command in X: it printed only an empty line, no passphrase; nothing was changed: make it print the passphrase on its first line (run it yourself to see what it prints)"
        );
        // Nothing printed is the command's fault, not a passphrase someone chose.
        assert_eq!(
            run_passphrase_command("printf ''", "X")
                .unwrap_err()
                .to_string(),
            "the passphrase command in X: it printed nothing; nothing was changed: make it print the passphrase on its first line (run it yourself to see what it prints)"
        );
        let long = run_passphrase_command("head -c 5000 /dev/zero | tr '\\0' a", "X")
            .unwrap_err()
            .to_string();
        assert!(long.contains("more than 4096 bytes"), "{long}");
        let endless = run_passphrase_command("yes", "X").unwrap_err().to_string();
        assert!(endless.contains("more than 4096 bytes"), "{endless}");
        let p = run_passphrase_command("head -c 4096 /dev/zero | tr '\\0' a", "X").unwrap();
        assert_eq!(p.expose_secret().len(), 4096);
        let not_text = run_passphrase_command("printf '\\377\\n'", "X")
            .unwrap_err()
            .to_string();
        assert!(not_text.contains("not UTF-8"), "{not_text}");
        let failed = run_passphrase_command("exit 3", "X")
            .unwrap_err()
            .to_string();
        assert!(
            failed.starts_with("the passphrase command in X: it failed"),
            "{failed}"
        );
        // The shell's own codes, in words: a name mistyped, a script not made executable.
        let missing = run_passphrase_command("no-such-passphrase-tool 2>/dev/null", "X")
            .unwrap_err()
            .to_string();
        assert!(
            missing.starts_with(
                "the passphrase command in X: the shell did not find it (exit status: 127)"
            ),
            "{missing}"
        );
        let dir = tempfile::tempdir().unwrap();
        let script = dir.path().join("pass.sh");
        std::fs::write(&script, "#!/bin/sh\necho pw\n").unwrap();
        let not_run = run_passphrase_command(&format!("{} 2>/dev/null", script.display()), "X")
            .unwrap_err()
            .to_string();
        assert!(
            not_run.starts_with(
                "the passphrase command in X: the shell found it but could not run it (exit status: 126)"
            ),
            "{not_run}"
        );
        // Each says the way out, as a wrong passphrase from the command does.
        assert!(
            failed.ends_with(
                "; nothing was changed: make it print the passphrase on its first line (run it yourself to see what it prints)"
            ),
            "{failed}"
        );
    }
}
