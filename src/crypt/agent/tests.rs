//! Unit tests: the locked buffers, the wire format, and the daemon's loop run in a thread of
//! the test process against a socket in a temporary folder (the whole agent, started as its
//! own process, is tested in `tests/crypt_agent.rs`).

use std::ffi::OsString;
use std::io::{Read, Write};
use std::os::fd::AsFd;
use std::os::unix::fs::DirBuilderExt;
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::{Path, PathBuf};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use secrecy::{ExposeSecret, SecretString};

use super::memory::Locked;
use super::protocol::{self, Command, LineError, MAX_LINE};
use super::serve::Daemon;
use super::{Agent, AgentError, SOCKET, idle_clock, idle_over, pick_dir, sys, whole_seconds};

#[test]
fn a_locked_buffer_holds_its_capacity_and_not_a_byte_more() {
    let mut buf = Locked::with_capacity(5).expect("a buffer");
    buf.extend(b"abc").expect("fits");
    assert!(buf.extend(b"def").is_err(), "past the capacity");
    assert_eq!(buf.as_bytes(), b"abc", "a refused extension writes nothing");
    let e = buf
        .write_all(b"def")
        .expect_err("write_all past the capacity");
    assert_eq!(e.kind(), std::io::ErrorKind::WriteZero);
    assert_eq!(buf.as_bytes(), b"abcde", "write fills what fits");
    assert!(
        format!("{buf:?}").find("abc").is_none(),
        "Debug never shows the bytes"
    );
}

#[test]
fn a_locked_buffer_is_locked_in_memory_where_the_limit_allows() {
    let buf = Locked::with_capacity(100).expect("a buffer");
    let (soft, _) = nix::sys::resource::getrlimit(nix::sys::resource::Resource::RLIMIT_MEMLOCK)
        .expect("the limit");
    assert!(
        buf.is_locked() || soft < 64 * 1024,
        "a page can be locked under a limit of {soft} bytes"
    );
}

#[test]
fn hex_carries_every_byte_both_ways() {
    let bytes: Vec<u8> = (0..=255).collect();
    let hex = protocol::to_hex(&bytes).expect("hex");
    let text = protocol::as_str(&hex).expect("ASCII");
    assert_eq!(text.len(), 512);
    assert!(text.starts_with("000102") && text.ends_with("fdfeff"));
    let back = protocol::from_hex(text).expect("memory").expect("hex");
    assert_eq!(back.as_bytes(), &bytes[..]);
    let upper = protocol::from_hex("ABcd")
        .expect("memory")
        .expect("either case");
    assert_eq!(upper.as_bytes(), &[0xab, 0xcd]);
    for bad in ["abc", "zz", "0g", "é0", " 0"] {
        assert!(
            protocol::from_hex(bad).expect("memory").is_none(),
            "{bad:?} is not hex"
        );
    }
}

#[test]
fn every_op_parses_with_exactly_its_fields() {
    let parse = |line: &str| protocol::parse_request(line.as_bytes()).map(|c| format!("{c:?}"));
    assert_eq!(
        protocol::parse_request(br#"{"op":"put","key":"age1x","secret":"6869","idle":5}"#),
        Ok(Command::Put {
            key: "age1x",
            secret_hex: "6869",
            idle: Duration::from_secs(5)
        })
    );
    assert_eq!(
        protocol::parse_request(br#"{"op":"get","key":"age1x"}"#),
        Ok(Command::Get { key: "age1x" })
    );
    assert_eq!(
        protocol::parse_request(br#"{"op":"holds","key":"age1x"}"#),
        Ok(Command::Holds { key: "age1x" })
    );
    assert_eq!(
        protocol::parse_request(br#"{"op":"forget","key":"age1x"}"#),
        Ok(Command::Forget { key: "age1x" })
    );
    assert_eq!(
        protocol::parse_request(br#"{"op":"status"}"#),
        Ok(Command::Status)
    );
    assert_eq!(
        protocol::parse_request(br#"{"op":"lock"}"#),
        Ok(Command::Lock)
    );
    assert_eq!(
        protocol::parse_request(br#"{"op":"remember","key":"age1x","path":"/a/l.json"}"#),
        Ok(Command::Remember {
            key: "age1x",
            path: PathBuf::from("/a/l.json"),
            later: false
        })
    );
    let sealed = format!(
        r#"{{"op":"text","key":"age1x","sealed":"{:032x}"}}"#,
        0xabc_u128
    );
    assert_eq!(
        protocol::parse_request(sealed.as_bytes()),
        Ok(Command::Text {
            key: "age1x",
            sealed: 0xabc,
            lease: None,
            with_key: false,
        })
    );
    let lent = format!(
        r#"{{"op":"text","key":"age1x","sealed":"{:032x}","lease":"write","with_key":true}}"#,
        0xabc_u128
    );
    assert_eq!(
        protocol::parse_request(lent.as_bytes()),
        Ok(Command::Text {
            key: "age1x",
            sealed: 0xabc,
            lease: Some(protocol::Lease::Write),
            with_key: true,
        })
    );
    assert_eq!(
        protocol::parse_request(br#"{"op":"rewriting"}"#),
        Ok(Command::Rewriting)
    );
    let rewritten = format!(
        r#"{{"op":"rewritten","sealed":"{:032x}","len":12}}"#,
        0xdef_u128
    );
    assert_eq!(
        protocol::parse_request(rewritten.as_bytes()),
        Ok(Command::Rewritten {
            sealed: 0xdef,
            len: 12
        })
    );
    let rewrite = format!(
        r#"{{"op":"rewrite","sealed":"{:032x}","len":12,"edits":[[1,3,20,4]]}}"#,
        0xdef_u128
    );
    assert_eq!(
        protocol::parse_request(rewrite.as_bytes()),
        Ok(Command::Rewrite {
            sealed: 0xdef,
            len: 12,
            edits: vec![super::Edit {
                start: 1,
                end: 3,
                text: 20,
                len: 4
            }],
        })
    );
    let too_many = format!(
        r#"{{"op":"rewrite","sealed":"{:032x}","len":1,"edits":[{}]}}"#,
        0xdef_u128,
        vec!["[0,0,0,0]"; super::MOST_EDITS + 1].join(",")
    );
    assert!(
        protocol::parse_request(too_many.as_bytes()).is_err_and(|e| e.contains("at most 64 edits")),
        "too many edits"
    );
    for (line, says) in [
        ("", "ends too soon"),
        ("not json", "not JSON"),
        ("[1,2]", "malformed request"),
        (r#"{"op":"explode"}"#, "not a request"),
        (r#"{"op":"get"}"#, "get needs a \"key\""),
        (r#"{"op":"forget"}"#, "forget needs a \"key\""),
        (
            r#"{"op":"get","key":"age1x","idle":5}"#,
            "get takes no \"idle\"",
        ),
        (
            r#"{"op":"holds","key":"k","secret":"00"}"#,
            "takes no \"secret\"",
        ),
        (r#"{"op":"lock","key":"age1x"}"#, "lock takes no \"key\""),
        (
            r#"{"op":"remember","key":"age1x","path":"l.json"}"#,
            "an absolute \"path\"",
        ),
        (r#"{"op":"remember","key":"age1x"}"#, "an absolute \"path\""),
        (
            r#"{"op":"get","key":"age1x","path":"/l.json"}"#,
            "get takes no \"path\"",
        ),
        (
            r#"{"op":"text","key":"age1x","sealed":"abc"}"#,
            "32 hex digits",
        ),
        (
            r#"{"op":"holds","key":"age1x","sealed":"00"}"#,
            "holds takes no \"sealed\"",
        ),
        (
            r#"{"op":"get","key":"age1x","lease":"read"}"#,
            "get takes no \"lease\"",
        ),
        (
            r#"{"op":"get","key":"age1x","with_key":true}"#,
            "get takes no \"with_key\"",
        ),
        (
            r#"{"op":"text","key":"age1x","sealed":"00","lease":"borrow"}"#,
            "not a request",
        ),
        (r#"{"op":"rewritten","len":3}"#, "32 hex digits"),
        (
            r#"{"op":"rewritten","sealed":"00000000000000000000000000000abc"}"#,
            "rewritten needs the text's \"len\"",
        ),
        (
            r#"{"op":"rewriting","key":"age1x"}"#,
            "rewriting takes no \"key\"",
        ),
        (
            r#"{"op":"rewrite","sealed":"00000000000000000000000000000abc","len":3}"#,
            "rewrite needs its \"edits\"",
        ),
        (
            r#"{"op":"rewritten","sealed":"00000000000000000000000000000abc","len":3,"edits":[]}"#,
            "rewritten takes no \"edits\"",
        ),
        (
            r#"{"op":"rewrite","sealed":"00000000000000000000000000000abc","len":3,"edits":[[1,2,3]]}"#,
            "not a request",
        ),
        (
            r#"{"op":"text","key":"age1x","len":3}"#,
            "text takes no \"len\"",
        ),
        (r#"{"op":"status","verbose":true}"#, "not a request"),
        (
            r#"{"op":"put","key":"k","secret":"00"}"#,
            "\"idle\" of at least 1",
        ),
        (
            r#"{"op":"put","key":"k","secret":"00","idle":0}"#,
            "at least 1",
        ),
        (
            r#"{"op":"put","key":"k","idle":3}"#,
            "put needs a \"secret\"",
        ),
        (r#"{"op":"get","key":"two words"}"#, "visible ASCII"),
        (r#"{"op":"get","key":""}"#, "empty"),
        // A key with an escape cannot be borrowed from the line; it is refused, not copied.
        (r#"{"op":"get","key":"a\u0062"}"#, "not a request"),
    ] {
        let why = parse(line).expect_err(line);
        assert!(why.contains(says), "{line}: {why}");
        assert!(
            why.starts_with("malformed request") || why.contains("key id"),
            "{why}"
        );
    }
    let long = format!(r#"{{"op":"get","key":"{}"}}"#, "a".repeat(300));
    assert!(parse(&long).expect_err("long").contains("longer than 256"));
}

#[test]
fn a_refusal_never_quotes_the_request() {
    for line in [
        r#"{"op":"put","key":"k","secret":"7365637265742d6b6579","idle":"7365637265742d6b6579"}"#,
        r#"{"op":"put","key":"k","secret":7365637265742d6b6579}"#,
        r#"{"op":"put","key":"k","secret":"7365637265742d6b6579"#,
        r#"{"op":"7365637265742d6b6579"}"#,
    ] {
        let why = protocol::parse_request(line.as_bytes()).expect_err(line);
        assert!(!why.contains("736563"), "{why}");
    }
}

#[test]
fn a_line_ends_at_its_newline_or_the_stream_and_is_bounded() {
    let mut input: &[u8] = b"{\"op\":\"lock\"}\nand more";
    let buf = protocol::read_line(&mut input).expect("a line");
    assert_eq!(protocol::line(&buf), b"{\"op\":\"lock\"}");
    let mut input: &[u8] = b"no newline";
    let buf = protocol::read_line(&mut input).expect("a line");
    assert_eq!(protocol::line(&buf), b"no newline");
    let mut exact = vec![b'a'; MAX_LINE];
    exact.push(b'\n');
    let buf = protocol::read_line(&mut exact.as_slice()).expect("the longest line");
    assert_eq!(protocol::line(&buf).len(), MAX_LINE);
    let long = vec![b'a'; MAX_LINE + 1];
    assert!(matches!(
        protocol::read_line(&mut long.as_slice()),
        Err(LineError::TooLong)
    ));
}

#[test]
fn the_folder_comes_from_the_variable_then_the_runtime_folder_then_the_data_folder() {
    let fallback = Path::new("/data/ledger");
    let var = |s: &str| Some(OsString::from(s));
    assert_eq!(
        pick_dir(var("/run/mine"), var("/run/user/1"), fallback),
        PathBuf::from("/run/mine")
    );
    assert_eq!(
        pick_dir(var(""), var("/run/user/1"), fallback),
        PathBuf::from("/run/user/1/trustladder")
    );
    assert_eq!(
        pick_dir(var("relative/agent"), var("/run/user/1"), fallback),
        PathBuf::from("/run/user/1/trustladder"),
        "a relative TRUSTLADDER_AGENT_DIR is ignored"
    );
    assert_eq!(
        pick_dir(None, var("relative/run"), fallback),
        PathBuf::from("/data/ledger/.trustladder-agent"),
        "a relative XDG_RUNTIME_DIR is ignored"
    );
    assert_eq!(
        pick_dir(None, None, fallback),
        PathBuf::from("/data/ledger/.trustladder-agent")
    );
    assert!(pick_dir(None, None, Path::new("")).is_absolute());
}

/// The rule by which the agent forgets a key and the terminal UI locks, on two readings of
/// the clock: time asleep is in the readings (the clock counts it), so a night closed is a
/// night unused.
#[test]
fn idle_is_over_once_the_readings_are_the_idle_time_apart() {
    let hour = Duration::from_secs(3600);
    let used = Duration::from_secs(100);
    assert!(!idle_over(used, used, hour));
    assert!(!idle_over(
        used,
        used + hour - Duration::from_millis(1),
        hour
    ));
    assert!(idle_over(used, used + hour, hour));
    assert!(idle_over(used, used + 10 * hour, hour));
    // A reading before the last use (a clock that fell back) is no idle time.
    assert!(!idle_over(used, Duration::from_secs(5), hour));
}

/// The idle clock counts time the machine is asleep: on Linux it is CLOCK_BOOTTIME, which
/// runs ahead of CLOCK_MONOTONIC by every suspension since boot.
#[cfg(any(target_os = "linux", target_os = "android"))]
#[test]
fn the_idle_clock_is_the_boot_time_clock() {
    use nix::time::{ClockId, clock_gettime};
    let before = Duration::from(clock_gettime(ClockId::CLOCK_BOOTTIME).expect("the clock"));
    let read = idle_clock();
    let after = Duration::from(clock_gettime(ClockId::CLOCK_BOOTTIME).expect("the clock"));
    assert!(
        before <= read && read <= after,
        "{before:?} {read:?} {after:?}"
    );
}

#[test]
fn idle_times_are_whole_seconds_rounded_up() {
    assert_eq!(whole_seconds(Duration::ZERO), 1);
    assert_eq!(whole_seconds(Duration::from_millis(1)), 1);
    assert_eq!(whole_seconds(Duration::from_millis(1001)), 2);
    assert_eq!(whole_seconds(Duration::from_secs(3600)), 3600);
    assert_eq!(whole_seconds(Duration::MAX), u64::MAX);
}

#[cfg(any(target_os = "linux", target_os = "android"))]
#[test]
fn hardening_refuses_core_dumps() {
    sys::harden().expect("hardening");
    assert!(!nix::sys::prctl::get_dumpable().expect("dumpable"));
    let core = nix::sys::resource::getrlimit(nix::sys::resource::Resource::RLIMIT_CORE);
    assert_eq!(core.expect("the limit"), (0, 0));
}

/// A daemon loop in a thread, serving `uid`, on a socket in a fresh private folder.
struct InThread {
    _tmp: tempfile::TempDir,
    /// Writing to it stops the loop, as a stop signal does the agent.
    stop: UnixStream,
    agent: Agent,
    handle: Option<JoinHandle<Result<(), AgentError>>>,
}

impl InThread {
    fn start(idle: Duration, uid: u32) -> InThread {
        let (tmp, dir) = agent_folder();
        let socket = dir.join(SOCKET);
        let listener = UnixListener::bind(&socket).expect("bind");
        listener.set_nonblocking(true).expect("non-blocking");
        let (stop, stop_read) = UnixStream::pair().expect("a stop pipe");
        let handle = std::thread::spawn(move || {
            Daemon::new(listener, idle, uid, socket).run(Some(stop_read.as_fd()))
        });
        InThread {
            _tmp: tmp,
            stop,
            // No program: a test that needed to start an agent would fail, not fork itself.
            agent: Agent::with_program(dir, PathBuf::from("/nonexistent/trustladder")),
            handle: Some(handle),
        }
    }

    /// Waits (at most `limit`) for the loop to end, and gives its result.
    fn ended(&mut self, limit: Duration) -> Option<Result<(), AgentError>> {
        let deadline = Instant::now() + limit;
        while Instant::now() < deadline {
            if self.handle.as_ref().is_some_and(JoinHandle::is_finished) {
                return self.handle.take().and_then(|h| h.join().ok());
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        None
    }

    fn raw(&self, line: &[u8]) -> String {
        let mut stream = UnixStream::connect(self.agent.socket()).expect("connect");
        stream.write_all(line).expect("send");
        let mut answer = String::new();
        stream.read_to_string(&mut answer).expect("answer");
        answer
    }
}

impl Drop for InThread {
    fn drop(&mut self) {
        if self.handle.is_some() {
            let _ = self.stop.write_all(b"x");
            let _ = self.ended(Duration::from_secs(5));
        }
    }
}

fn secret(text: &str) -> SecretString {
    SecretString::from(text.to_string())
}

#[test]
fn the_loop_holds_gives_and_forgets_keys() {
    let mut agent = InThread::start(Duration::from_secs(30), sys::my_uid());
    let a = &agent.agent;
    assert!(a.get("age1one").expect("get").is_none());
    assert!(!a.holds("age1one").expect("holds"));
    let text = "AGE-SECRET-KEY-1ABC\n# created: today\néü ✓\n";
    a.put("age1one", &secret(text), Duration::from_secs(30))
        .expect("put");
    let got = a.get("age1one").expect("get").expect("held");
    assert_eq!(got.expose_secret(), text);
    assert!(a.holds("age1one").expect("holds"));
    assert!(!a.holds("age1two").expect("holds"));
    assert!(a.get("age1two").expect("get").is_none());
    a.put("age1one", &secret("replaced"), Duration::from_secs(30))
        .expect("put again");
    assert_eq!(
        a.get("age1one")
            .expect("get")
            .expect("held")
            .expose_secret(),
        "replaced"
    );
    // An idle time as long as can be said holds the key (no overflow in the agent's clock).
    a.put("age1long", &secret("forever"), Duration::MAX)
        .expect("put");
    assert!(a.holds("age1long").expect("holds"));
    let status = a.status().expect("status").expect("running");
    assert_eq!(status.pid, std::process::id());
    assert_eq!(status.keys, 2);
    assert_eq!(
        a.lock().expect("lock"),
        Some(Some(2)),
        "it forgot both keys"
    );
    assert!(
        matches!(agent.ended(Duration::from_secs(5)), Some(Ok(()))),
        "lock ends the loop"
    );
    // The loop removes its socket itself, before the agent lets go of its lock: an agent
    // started meanwhile must find no socket, or it takes the stopping one for running.
    assert!(
        !agent.agent.socket().exists(),
        "the socket is gone when the loop ends"
    );
    assert!(agent.agent.get("age1one").expect("get").is_none());
    assert_eq!(
        agent.agent.lock().expect("lock"),
        None,
        "none runs any more"
    );
}

/// `forget` wipes one key and keeps the others (a `decrypt` dropped the keys of every other
/// ledger unlocked through the agent); the last one forgotten ends the loop.
#[test]
fn forget_drops_one_key_and_the_last_ends_the_loop() {
    let mut agent = InThread::start(Duration::from_secs(30), sys::my_uid());
    let a = &agent.agent;
    assert!(!a.forget("age1one").expect("forget"), "nothing held yet");
    a.put("age1one", &secret("one"), Duration::from_secs(30))
        .expect("put");
    a.put("age1two", &secret("two"), Duration::from_secs(30))
        .expect("put");
    assert!(a.forget("age1one").expect("forget"), "it held that key");
    assert!(a.get("age1one").expect("get").is_none());
    assert_eq!(
        a.get("age1two")
            .expect("get")
            .expect("kept")
            .expose_secret(),
        "two"
    );
    assert!(!a.forget("age1one").expect("forget"), "forgotten already");
    assert!(
        agent.ended(Duration::from_millis(200)).is_none(),
        "one key left"
    );
    assert!(agent.agent.forget("age1two").expect("forget"));
    assert!(
        matches!(agent.ended(Duration::from_secs(5)), Some(Ok(()))),
        "the last key forgotten ends the loop"
    );
}

#[test]
fn another_users_process_is_refused_before_it_says_anything() {
    let agent = InThread::start(Duration::from_secs(30), sys::my_uid().wrapping_add(1));
    let e = agent.agent.get("age1one").expect_err("refused");
    assert!(
        e.to_string()
            .contains("serves only the user who started it"),
        "{e}"
    );
    assert!(e.to_string().contains(SOCKET), "{e}");
}

#[test]
fn malformed_and_oversized_requests_are_answered_and_the_loop_goes_on() {
    let agent = InThread::start(Duration::from_secs(30), sys::my_uid());
    agent
        .agent
        .put("age1one", &secret("kept"), Duration::from_secs(30))
        .expect("put");
    for line in [
        &b"garbage\n"[..],
        b"\n",
        b"{\"op\":\"put\",\"key\":\"k\",\"secret\":\"zz\",\"idle\":3}\n",
        b"{\"op\":\"put\",\"key\":\"k\",\"secret\":\"ff\",\"idle\":3}\n",
        &[b'{'; MAX_LINE + 10],
    ] {
        let answer = agent.raw(line);
        assert!(answer.starts_with("{\"ok\":false,\"error\":"), "{answer}");
        assert!(answer.ends_with("}\n"), "{answer}");
    }
    assert_eq!(
        agent
            .agent
            .get("age1one")
            .expect("get")
            .expect("still held")
            .expose_secret(),
        "kept"
    );
}

#[test]
fn the_agent_holds_a_bounded_number_of_keys() {
    let agent = InThread::start(Duration::from_secs(30), sys::my_uid());
    let put = |i: usize| {
        agent.agent.put(
            &format!("age1key{i}"),
            &secret("s"),
            Duration::from_secs(30),
        )
    };
    for i in 0..64 {
        put(i).expect("put");
    }
    let e = put(64).expect_err("one too many");
    assert!(e.to_string().contains("holds 64 keys already"), "{e}");
    put(0).expect("replacing a key it holds");
}

#[test]
fn a_key_unused_for_its_idle_time_is_forgotten_and_the_loop_ends() {
    let mut agent = InThread::start(Duration::from_secs(30), sys::my_uid());
    agent
        .agent
        .put("age1one", &secret("brief"), Duration::from_secs(1))
        .expect("put");
    let result = agent.ended(Duration::from_secs(5));
    assert!(matches!(result, Some(Ok(()))), "the loop ended by itself");
}

#[test]
fn with_no_key_given_the_loop_ends_after_its_first_wait() {
    // Long enough a wait for a loaded machine to ask it something first.
    let mut agent = InThread::start(Duration::from_secs(3), sys::my_uid());
    assert!(agent.agent.status().expect("status").is_some());
    assert!(matches!(agent.ended(Duration::from_secs(10)), Some(Ok(()))));
}

#[test]
fn a_stop_signal_ends_the_loop() {
    let mut agent = InThread::start(Duration::from_secs(30), sys::my_uid());
    agent
        .agent
        .put("age1one", &secret("s"), Duration::from_secs(30))
        .expect("put");
    agent.stop.write_all(b"x").expect("stop");
    assert!(matches!(agent.ended(Duration::from_secs(5)), Some(Ok(()))));
}

#[test]
fn a_silent_client_does_not_keep_the_others_waiting() {
    let agent = InThread::start(Duration::from_secs(30), sys::my_uid());
    let _silent = UnixStream::connect(agent.agent.socket()).expect("connect");
    let start = Instant::now();
    assert!(agent.agent.status().expect("status").is_some());
    assert!(
        start.elapsed() < Duration::from_secs(4),
        "{:?}",
        start.elapsed()
    );
}

#[test]
fn a_key_or_secret_the_agent_cannot_take_is_refused_before_connecting() {
    let agent = Agent::new(PathBuf::from("/nonexistent/agent"));
    let e = agent
        .put("two words", &secret("s"), Duration::from_secs(1))
        .expect_err("key id");
    assert!(matches!(e, AgentError::KeyId(_)), "{e}");
    let big = secret(&"x".repeat(super::MAX_SECRET + 1));
    let e = agent
        .put("age1one", &big, Duration::from_secs(1))
        .expect_err("too large");
    assert!(matches!(e, AgentError::TooLarge(_)), "{e}");
    assert!(agent.get("age1one").expect("no agent").is_none());
}

/// A client that sends a byte now and then, each well within the wait for one read, is cut
/// off once its whole request has taken longer than a client may: the agent then answers the
/// next one (`lock` here) in time, rather than serving the first for as long as it trickles.
#[test]
fn a_client_that_trickles_its_request_is_cut_off_and_the_next_is_answered() {
    let mut agent = InThread::start(Duration::from_secs(30), sys::my_uid());
    agent
        .agent
        .put("age1one", &secret("brief"), Duration::from_secs(60))
        .expect("put");
    // Connected before `lock` is asked, so the agent takes it first: connected from its
    // thread, it could come after the lock had ended the agent, and find no socket.
    let mut stream = UnixStream::connect(agent.agent.socket()).expect("connect");
    let trickle = std::thread::spawn(move || {
        for _ in 0..40 {
            if stream.write_all(b" ").is_err() {
                return true;
            }
            std::thread::sleep(Duration::from_millis(250));
        }
        false
    });
    assert!(
        matches!(agent.agent.lock(), Ok(Some(_))),
        "lock is answered"
    );
    assert!(
        trickle.join().expect("the trickle"),
        "the trickle was cut off"
    );
    assert!(agent.ended(Duration::from_secs(5)).is_some());
}

/// A private folder of its own for an agent: one the test runs, or plays stopped or stuck.
fn agent_folder() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().expect("a temporary folder");
    let dir = tmp.path().join("agent");
    std::fs::DirBuilder::new()
        .mode(0o700)
        .create(&dir)
        .expect("the folder");
    (tmp, dir)
}

/// What `ask` gives, run in a thread and waited for at most `limit`; `None` when it still
/// waits then (the thread is left behind).
fn within<T: Send + 'static>(
    limit: Duration,
    ask: impl FnOnce() -> T + Send + 'static,
) -> Option<(T, Duration)> {
    let (send, receive) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let start = Instant::now();
        let _ = send.send((ask(), start.elapsed()));
    });
    receive.recv_timeout(limit).ok()
}

/// An agent that takes no connection, its queue full (stopped, with as many clients waiting
/// as it queues), kept a client's connect waiting for ever; it is said as one that does not
/// answer, within the time said, and not waited for again by the same process (a command
/// asking twice waited twice as long as it said).
#[test]
fn an_agent_that_takes_no_connection_is_waited_for_once_within_its_time() {
    use nix::sys::socket::{
        AddressFamily, Backlog, SockFlag, SockType, UnixAddr, bind, listen, socket,
    };
    let (_tmp, dir) = agent_folder();
    let listener = socket(
        AddressFamily::Unix,
        SockType::Stream,
        SockFlag::empty(),
        None,
    )
    .expect("a socket");
    bind(
        std::os::fd::AsRawFd::as_raw_fd(&listener),
        &UnixAddr::new(&dir.join(SOCKET)).expect("an address"),
    )
    .expect("bind");
    listen(&listener, Backlog::new(0).expect("a backlog")).expect("listen");
    // The queue holds one connection, never taken.
    let _queued = UnixStream::connect(dir.join(SOCKET)).expect("the first connection");
    let agent = Agent::new(dir);
    let asked = agent.clone();
    let (first, waited) =
        within(Duration::from_secs(8), move || asked.get("age1x")).expect("an answer in time");
    assert!(
        matches!(first, Err(AgentError::NoAnswer { secs: 5, .. })),
        "{first:?}"
    );
    assert!(waited >= Duration::from_secs(4), "{waited:?}");
    let (again, waited) =
        within(Duration::from_secs(8), move || agent.status()).expect("an answer in time");
    assert!(
        matches!(again, Err(AgentError::NoAnswer { .. })),
        "{again:?}"
    );
    // Not the 5 s again (a loaded machine may take a while to say so at once).
    assert!(waited < Duration::from_secs(3), "waited again: {waited:?}");
}

/// An agent that answers a byte now and then, each well within the wait for one read, kept
/// its client waiting as long as it trickled: the whole answer has the time said.
#[test]
fn an_agent_that_trickles_its_answer_is_given_up_on_in_time() {
    let (_tmp, dir) = agent_folder();
    let listener = UnixListener::bind(dir.join(SOCKET)).expect("bind");
    std::thread::spawn(move || {
        let Ok((mut stream, _)) = listener.accept() else {
            return;
        };
        for _ in 0..60 {
            if stream.write_all(b" ").is_err() {
                return;
            }
            std::thread::sleep(Duration::from_millis(250));
        }
    });
    let agent = Agent::new(dir);
    let (answer, waited) =
        within(Duration::from_secs(8), move || agent.holds("age1x")).expect("an answer in time");
    assert!(
        matches!(answer, Err(AgentError::NoAnswer { secs: 5, .. })),
        "{answer:?}"
    );
    assert!(waited < Duration::from_secs(6), "{waited:?}");
}

/// Whether the agent may keep a text of `len` bytes under this process's limit of locked
/// memory, less the MiB it leaves to the keys: where it may not, the tests of the texts check
/// that it keeps none.
fn texts_may_be_kept(len: usize) -> bool {
    let (soft, _) = nix::sys::resource::getrlimit(nix::sys::resource::Resource::RLIMIT_MEMLOCK)
        .expect("the limit");
    soft.saturating_sub(1 << 20) >= len as u64
}

/// The hash a command asks by and the hash an agent of an earlier version made of the file
/// it opened must agree, or the agent would hand that command no text: it is XXH3's 128-bit
/// hash, whichever crate computes it (its values for the empty input, a short one, and a
/// long one that goes through the loop over blocks).
#[test]
fn the_sealed_hash_is_xxh3_s_128_bit_hash() {
    use super::sealed_hash;
    let long: Vec<u8> = (0..1_000_000u32).map(|i| (i % 251) as u8).collect();
    assert_eq!(sealed_hash(b""), 0x99aa06d3014798d86001c324468d497f);
    assert_eq!(
        sealed_hash(b"age-encryption.org/v1\n"),
        0x9e81b8eb746f35dc84a90b4af2e60963
    );
    assert_eq!(sealed_hash(&long), 0x00d4a9d9f77c7d2ddf99c4163891c544);
}

/// A sealed file the agent opened for a command (`remember`) is kept as plain text and handed
/// out, read-only, to a command whose file hashes as that one; other bytes, another key, a
/// file the key does not open and a forgotten key find none.
#[test]
fn a_remembered_file_s_text_is_handed_out_by_its_hash_and_goes_with_its_key() {
    use super::sealed_hash;
    use crate::crypt::keyfile::Keys;

    let agent = InThread::start(Duration::from_secs(30), sys::my_uid());
    let a = &agent.agent;
    let keys = Keys::generate(age::x25519::Identity::generate().to_public());
    let other = Keys::generate(age::x25519::Identity::generate().to_public());
    let plain = br#"{"promises":["Send the notes"]}"#.repeat(600);
    let sealed = keys.seal(&plain).expect("sealed");
    let dir = tempfile::tempdir().expect("a folder");
    let path = dir.path().join("ledger.json");
    std::fs::write(&path, &sealed).expect("written");
    let id = keys.key_id();
    let texts = || a.status().expect("status").expect("running").texts;

    a.remember(&id, &path, false).expect("asked");
    assert_eq!(texts(), 0, "a key it does not hold opens nothing");
    a.put(&id, &keys.secret(), Duration::from_secs(30))
        .expect("put");
    a.put(&other.key_id(), &other.secret(), Duration::from_secs(30))
        .expect("put");
    // The agent answers one connection at a time, in order: the status after a remember
    // comes once the file is opened.
    a.remember(&id, &path, false).expect("asked");
    if !texts_may_be_kept(plain.len()) {
        assert_eq!(texts(), 0, "no room in locked memory, no text");
        return;
    }
    assert_eq!(texts(), 1);
    a.remember(&id, &path, false).expect("asked again");
    assert_eq!(texts(), 1, "the same file is kept once");
    a.remember(&other.key_id(), &path, false).expect("asked");
    assert_eq!(
        texts(),
        1,
        "a key that does not open the file keeps nothing"
    );
    // A named pipe given as the path is not opened for reading: the agent would wait for a
    // writer for ever, and every command with it.
    let pipe = dir.path().join("pipe.json");
    nix::unistd::mkfifo(&pipe, nix::sys::stat::Mode::S_IRWXU).expect("a pipe");
    a.remember(&id, &pipe, false).expect("asked");
    assert_eq!(texts(), 1, "the agent still answers, and kept nothing more");

    let mut kept = a
        .text(&id, || sealed_hash(&sealed), None)
        .expect("asked")
        .expect("kept");
    assert_eq!(kept.len, plain.len() as u64);
    let mut back = vec![0; plain.len()];
    kept.file.read_exact(&mut back).expect("read");
    assert!(back == plain, "the text is the file's plain text");
    assert!(kept.file.write_all(b"x").is_err(), "handed out read-only");
    // A command asks for the text and the key in one exchange, not a `get` and a `text`.
    let (lent, key) = a
        .text_and_key(&id, sealed_hash(&sealed), super::Lease::Read)
        .expect("asked");
    assert_eq!(lent.expect("kept").len, plain.len() as u64);
    assert_eq!(
        key.expect("held").expose_secret(),
        keys.secret().expose_secret()
    );
    let (lent, key) = a
        .text_and_key(&other.key_id(), sealed_hash(&sealed), super::Lease::Read)
        .expect("asked");
    assert!(lent.is_none(), "no text of the other key's");
    assert_eq!(
        key.expect("held all the same").expose_secret(),
        other.secret().expose_secret()
    );

    let mut changed = sealed.clone();
    *changed.last_mut().expect("bytes") ^= 1;
    assert!(
        a.text(&id, || sealed_hash(&changed), None)
            .expect("asked")
            .is_none()
    );
    assert!(
        a.text(&other.key_id(), || sealed_hash(&sealed), None)
            .expect("asked")
            .is_none(),
        "kept for the key that opened it alone"
    );
    assert!(a.forget(&id).expect("forget"));
    assert_eq!(texts(), 0, "the text goes with its key");
    assert!(
        a.text(&id, || sealed_hash(&sealed), None)
            .expect("asked")
            .is_none()
    );
    let (lent, key) = a
        .text_and_key(&id, sealed_hash(&sealed), super::Lease::Read)
        .expect("asked");
    assert!(
        lent.is_none() && key.is_none(),
        "a key forgotten gives nothing"
    );
}

/// A file saved to (`later`) is opened once saves to it have settled, not at each save.
#[test]
fn a_saved_file_is_opened_once_its_saves_have_settled() {
    use super::sealed_hash;
    use crate::crypt::keyfile::Keys;

    let agent = InThread::start(Duration::from_secs(30), sys::my_uid());
    let a = &agent.agent;
    let keys = Keys::generate(age::x25519::Identity::generate().to_public());
    let dir = tempfile::tempdir().expect("a folder");
    let path = dir.path().join("ledger.json");
    let id = keys.key_id();
    a.put(&id, &keys.secret(), Duration::from_secs(30))
        .expect("put");
    let texts = || a.status().expect("status").expect("running").texts;
    let save = |text: &[u8]| {
        let sealed = keys.seal(text).expect("sealed");
        std::fs::write(&path, &sealed).expect("written");
        a.remember(&id, &path, true).expect("asked");
        sealed
    };

    if !texts_may_be_kept(10) {
        save(b"{\"only\":1}");
        std::thread::sleep(2 * super::texts::SETTLE);
        assert_eq!(texts(), 0, "no room in locked memory, no text");
        return;
    }
    let started = Instant::now();
    let first = save(b"{\"first\":1}");
    let last = save(b"{\"last\":2}");
    if started.elapsed() < super::texts::SETTLE {
        assert_eq!(texts(), 0, "nothing opened while the saves go on");
    }
    let deadline = Instant::now() + Duration::from_secs(5);
    while texts() == 0 && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    assert_eq!(texts(), 1, "the file the saves left is opened, once");
    assert!(
        a.text(&id, || sealed_hash(&first), None)
            .expect("asked")
            .is_none()
    );
    let kept = a
        .text(&id, || sealed_hash(&last), None)
        .expect("asked")
        .expect("kept");
    assert_eq!(kept.len, 10);
}

/// A ledger the agent keeps the text of, written by something else (a file written where it
/// is, as `cp` and git's checkout do; one renamed into place, as a file-sync tool does), is
/// opened: the next command finds the new file's text kept, where it would otherwise decrypt
/// the file itself. Written while a command holds a lease on a text of its key (most likely
/// that command's own save), it is left to that command. Another file in the folder is not
/// opened for it.
#[test]
fn a_kept_ledger_written_from_outside_is_opened_for_the_next_command() {
    let Some(set_up) = keeping_a_text() else {
        return;
    };
    let (a, keys, _, first) = set_up.parts();
    let id = keys.key_id();
    let kept_within = |sealed: &[u8], wait: Duration| {
        let deadline = Instant::now() + wait;
        loop {
            let kept = set_up.lend(sealed, None).map(|mut text| {
                let mut back = vec![0; usize::try_from(text.len).expect("its length")];
                text.file.read_exact(&mut back).expect("read");
                back
            });
            if kept.is_some() || Instant::now() >= deadline {
                return kept;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    };
    let folder = set_up.path.parent().expect("its folder");

    // The agent answers one request at a time: answered, this one finds the set-up's
    // opening of the ledger over, which would otherwise read the file written below. (Asked
    // on no lease, whose end heard with the write below would leave that write alone.)
    assert!(set_up.lend(first, None).is_some());
    // The ledger changed through a link to it in another folder, which its own folder's
    // watch does not hear; then another file of its folder written. Were that file taken for
    // the ledger, the ledger would be opened, and its new text kept.
    let unseen = br#"{"unseen":["Send the notes"]}"#.repeat(500);
    let sealed = keys.seal(&unseen).expect("sealed");
    let elsewhere = folder.join("elsewhere");
    std::fs::create_dir(&elsewhere).expect("a folder");
    let link = elsewhere.join("link.json");
    std::fs::hard_link(&set_up.path, &link).expect("linked");
    std::fs::write(&link, &sealed).expect("written through the link");
    std::fs::write(folder.join("notes.json"), b"{}").expect("written");
    assert_eq!(
        kept_within(&sealed, 2 * super::texts::SETTLE),
        None,
        "another file in the folder is not the ledger"
    );

    let copied = br#"{"copied":["Send the notes"]}"#.repeat(500);
    let sealed = keys.seal(&copied).expect("sealed");
    std::fs::write(&set_up.path, &sealed).expect("written in place");
    let kept = kept_within(&sealed, Duration::from_secs(5));
    assert!(
        kept.as_deref() == Some(copied.as_slice()),
        "the file written in place is opened"
    );

    let synced = br#"{"synced":["Send the slides"]}"#.repeat(500);
    let sealed = keys.seal(&synced).expect("sealed");
    let temp = folder.join(".ledger.json.part");
    std::fs::write(&temp, &sealed).expect("written beside");
    std::fs::rename(&temp, &set_up.path).expect("renamed into place");
    let kept = kept_within(&sealed, Duration::from_secs(5));
    assert!(
        kept.as_deref() == Some(synced.as_slice()),
        "the file renamed into place is opened"
    );

    let held = set_up
        .lend(&sealed, Some(super::Lease::Write))
        .expect("kept");
    let saved = br#"{"saved":["Send the notes"]}"#.repeat(500);
    let sealed = keys.seal(&saved).expect("sealed");
    std::fs::write(&set_up.path, &sealed).expect("written during a lease");
    // The write's event is queued as the file is closed, before the lease ends: the agent
    // hears it while the lease is held, or in the same look as the lease's end.
    drop(held);
    assert_eq!(
        kept_within(&sealed, 2 * super::texts::SETTLE),
        None,
        "a file written during a lease is left to the command that holds it"
    );
    // As that command asks when its change could not be written over the text.
    a.remember(&id, &set_up.path, true).expect("asked");
    let kept = kept_within(&sealed, Duration::from_secs(5));
    assert!(
        kept.as_deref() == Some(saved.as_slice()),
        "opened once saves settle"
    );

    // Another key keeps the agent running once the ledger's is forgotten.
    let other =
        crate::crypt::keyfile::Keys::generate(age::x25519::Identity::generate().to_public());
    a.put(&other.key_id(), &other.secret(), Duration::from_secs(30))
        .expect("put");
    assert!(a.forget(&id).expect("forget"));
    a.put(&id, &keys.secret(), Duration::from_secs(30))
        .expect("put again");
    let after = keys.seal(b"{\"after\":1}").expect("sealed");
    std::fs::write(&set_up.path, &after).expect("written");
    assert_eq!(
        kept_within(&after, 2 * super::texts::SETTLE),
        None,
        "a forgotten key's ledgers are watched no more"
    );
}

/// The agent opens a file into the memory of a text of the same key that no command reads,
/// as it lends such memory to a command: the same memory file, now the new file's text, with
/// nothing of the old one's past it; a text a command maps is never written over so.
#[test]
fn the_agent_opens_a_file_into_the_memory_of_a_text_no_one_reads() {
    use std::os::unix::fs::{FileExt, MetadataExt};

    let Some(set_up) = keeping_a_text() else {
        return;
    };
    let (a, keys, _, sealed) = set_up.parts();
    let id = keys.key_id();
    let text_of = |sealed: &[u8], lease| set_up.lend(sealed, lease).expect("kept");
    let first = text_of(sealed, None)
        .file
        .metadata()
        .expect("its inode")
        .ino();

    let shorter = br#"{"shorter":["Send the notes"]}"#.repeat(300);
    let second = keys.seal(&shorter).expect("sealed");
    std::fs::write(&set_up.path, &second).expect("written");
    // Handed without a lease, the first text may still be mapped: it is not written over.
    a.remember(&id, &set_up.path, false).expect("asked");
    let kept = text_of(&second, Some(super::Lease::Read));
    assert_ne!(
        kept.file.metadata().expect("its inode").ino(),
        first,
        "a text handed without a lease is never written over"
    );
    let mut back = vec![0; shorter.len()];
    // Read where it is: every descriptor handed of one text shares one offset.
    kept.file.read_exact_at(&mut back, 0).expect("read");
    assert!(back == shorter);
    let reused = kept.file.metadata().expect("its inode").ino();
    drop(kept);

    let third_text = br#"{"third":["Send the slides"]}"#.repeat(200);
    let third = keys.seal(&third_text).expect("sealed");
    std::fs::write(&set_up.path, &third).expect("written");
    // The lease on the second text has ended: no command reads it, and it becomes the third.
    a.remember(&id, &set_up.path, false).expect("asked");
    let kept = text_of(&third, None);
    assert_eq!(
        kept.file.metadata().expect("its inode").ino(),
        reused,
        "the same memory"
    );
    assert_eq!(kept.len, third_text.len() as u64);
    let room = kept.file.metadata().expect("its size").len();
    let mut whole = vec![1; usize::try_from(room).expect("its size")];
    kept.file.read_exact_at(&mut whole, 0).expect("read");
    assert!(whole[..third_text.len()] == third_text[..]);
    assert!(
        whole[third_text.len()..].iter().all(|&b| b == 0),
        "nothing of the longer text before is left past it"
    );
    assert!(
        set_up.lend(&second, None).is_none(),
        "the memory is no longer the second file's text"
    );
}

/// An agent in a thread that holds a ledger's key and keeps the text of its sealed file. A
/// test holds it whole: the folder goes with `_dir`, and the agent may not have opened the
/// file yet when the set-up returns.
struct Keeping {
    agent: InThread,
    keys: crate::crypt::keyfile::Keys,
    plain: Vec<u8>,
    sealed: Vec<u8>,
    path: PathBuf,
    _dir: tempfile::TempDir,
}

impl Keeping {
    /// The agent's client, the keys, the plain text and the sealed file, borrowed: the set-up
    /// stays whole (its folder with it) for as long as they are used.
    fn parts(&self) -> (&super::Agent, &crate::crypt::keyfile::Keys, &[u8], &[u8]) {
        (&self.agent.agent, &self.keys, &self.plain, &self.sealed)
    }

    /// The text the agent keeps of the sealed file `sealed`, with the set-up's key, as a
    /// command asks for it (on `lease`).
    fn lend(&self, sealed: &[u8], lease: Option<super::Lease>) -> Option<super::KeptText> {
        self.agent
            .agent
            .text(&self.keys.key_id(), || super::sealed_hash(sealed), lease)
            .expect("asked")
    }
}

/// [`Keeping`], or `None` where locked memory could not hold two such texts.
fn keeping_a_text() -> Option<Keeping> {
    let plain = br#"{"promises":["Send the notes"]}"#.repeat(600);
    if !texts_may_be_kept(2 * plain.len()) {
        return None;
    }
    let agent = InThread::start(Duration::from_secs(30), sys::my_uid());
    let keys = crate::crypt::keyfile::Keys::generate(age::x25519::Identity::generate().to_public());
    let sealed = keys.seal(&plain).expect("sealed");
    let dir = tempfile::tempdir().expect("a folder");
    let path = dir.path().join("ledger.json");
    std::fs::write(&path, &sealed).expect("written");
    let id = keys.key_id();
    agent
        .agent
        .put(&id, &keys.secret(), Duration::from_secs(30))
        .expect("put");
    agent.agent.remember(&id, &path, false).expect("asked");
    Some(Keeping {
        agent,
        keys,
        plain,
        sealed,
        path,
        _dir: dir,
    })
}

/// A text is lent to be written over only to a command that keeps a lease and only when no
/// other command maps it; written over, it is the new file's text and no longer the old
/// one's; a command that ends while writing leaves nothing kept, and one that ends without
/// writing leaves the text as it was.
#[test]
fn a_text_is_lent_to_be_written_over_only_when_no_one_else_maps_it() {
    use super::protocol::Lease;
    use super::sealed_hash;

    let Some(set_up) = keeping_a_text() else {
        return;
    };
    let (a, keys, plain, sealed) = set_up.parts();
    let id = keys.key_id();
    let lend = |bytes: &[u8], lease| set_up.lend(bytes, lease);
    let room = |kept: &Option<super::KeptText>| {
        kept.as_ref()
            .expect("kept")
            .lease
            .as_ref()
            .expect("a lease")
            .room()
    };

    let reading = lend(sealed, Some(Lease::Read));
    assert_eq!(room(&reading), None, "a read lease is read-only");
    let writing = lend(sealed, Some(Lease::Write));
    assert_eq!(room(&writing), None, "another command maps it");
    drop((reading, writing));

    let writing = lend(sealed, Some(Lease::Write)).expect("kept");
    let mut lease = writing.lease.expect("a lease");
    let room = lease.room().expect("lent to be written");
    assert!(room > plain.len(), "{room} leaves room to grow");
    assert!(
        lend(sealed, Some(Lease::Read)).is_none(),
        "handed to no one while lent to be written"
    );
    let new_plain = br#"{"promises":["Send the notes","Book the room"]}"#.repeat(600);
    let new_sealed = keys.seal(&new_plain).expect("sealed");
    assert_eq!(
        lease.fill(
            &writing.file,
            sealed_hash(&new_sealed),
            new_plain.len(),
            |buf| {
                buf.copy_from_slice(&new_plain);
                true
            }
        ),
        Some(new_plain.len())
    );
    drop((lease, writing.file));
    assert!(
        lend(sealed, None).is_none(),
        "no longer the old file's text"
    );
    let mut kept = lend(&new_sealed, Some(Lease::Read)).expect("the new file's text");
    assert_eq!(kept.len, new_plain.len() as u64);
    let mut back = vec![0; new_plain.len()];
    kept.file.read_exact(&mut back).expect("read");
    assert!(back == new_plain, "the text written over it");
    drop(kept);

    // Lent and let go unwritten: the text stays the file's.
    let writing = lend(&new_sealed, Some(Lease::Write)).expect("kept");
    assert!(writing.lease.as_ref().and_then(|l| l.room()).is_some());
    drop(writing);
    let kept = lend(&new_sealed, None).expect("kept as it was");
    // Handed without a lease it may be mapped for ever: never lent to be written again.
    let writing = lend(&new_sealed, Some(Lease::Write)).expect("kept");
    assert_eq!(writing.lease.as_ref().and_then(|l| l.room()), None);
    drop((kept, writing));

    // Written over and never said whose it is: given up.
    a.remember(&id, &set_up.path, false).expect("asked");
    let writing = lend(sealed, Some(Lease::Write)).expect("kept");
    let mut lease = writing.lease.expect("a lease");
    assert_eq!(
        lease.fill(&writing.file, 7, 5, |buf| {
            buf.copy_from_slice(b"torn!");
            false
        }),
        None
    );
    drop(lease);
    assert!(
        lend(sealed, None).is_none(),
        "the torn text is not handed out"
    );
    assert!(lend(&new_sealed, None).is_some(), "the other text stays");
}

/// A change lent the text to write over sends only where its new stretches go: the agent
/// writes them over the text, which is then the new file's, with nothing left past it.
/// Edits that cannot be written as they say change nothing: the text stays the old file's.
#[test]
fn the_agent_writes_a_change_s_edits_over_the_text_it_lent() {
    use super::protocol::Lease;
    use super::{Edits, sealed_hash};

    let Some(set_up) = keeping_a_text() else {
        return;
    };
    let (a, keys, plain, sealed) = set_up.parts();
    let id = keys.key_id();
    let lend = |hash: u128, lease| a.text(&id, || hash, lease).expect("asked");
    // Read from its start: every descriptor handed out of a text shares one offset.
    let read_whole = |kept: Option<super::KeptText>| {
        use std::os::unix::fs::FileExt;
        let kept = kept.expect("kept");
        let size = kept.file.metadata().expect("its size").len();
        let mut whole = vec![0; size as usize];
        kept.file.read_exact_at(&mut whole, 0).expect("read");
        (kept.len as usize, whole)
    };

    // The first promise's "Send" becomes "Post back", the last one's "notes" "minutes".
    let last = plain.len() - br#"notes"]}"#.len();
    let mut expected = plain.to_vec();
    expected.splice(last..last + 5, *b"minutes");
    expected.splice(14..18, *b"Post back");
    let new_sealed = keys.seal(&expected).expect("sealed");

    let writing = lend(sealed_hash(sealed), Some(Lease::Write)).expect("kept");
    let mut lease = writing.lease.expect("a lease");
    let room = lease.room().expect("lent to be written");
    let stretches = vec![
        (14..18, b"Post back".to_vec()),
        (last..last + 5, b"minutes".to_vec()),
    ];
    let edits = Edits::placed(stretches, plain.len(), room).expect("placed");
    assert_eq!(edits.len, expected.len());
    assert!(lease.edit(&writing.file, sealed_hash(&new_sealed), &edits));
    drop((lease, writing.file));
    assert!(
        lend(sealed_hash(sealed), None).is_none(),
        "no longer the old file's text"
    );
    let (len, whole) = read_whole(lend(sealed_hash(&new_sealed), Some(Lease::Read)));
    assert_eq!(len, expected.len());
    assert!(whole[..len] == expected[..], "the edits written over it");
    assert_eq!(whole.len(), room);
    assert!(
        whole[len..].iter().all(|&b| b == 0),
        "nothing is left past the text"
    );

    let writing = lend(sealed_hash(&new_sealed), Some(Lease::Write)).expect("kept");
    let mut lease = writing.lease.expect("a lease");
    let mut bad = Edits::placed(vec![(0..4, b"Nope".to_vec())], len, room).expect("placed");
    bad.list[0].text = 2;
    assert!(lease.edit(&writing.file, 7, &bad), "asked");
    drop((lease, writing.file));
    assert!(lend(7, None).is_none(), "not the file the edits named");
    let (len, whole) = read_whole(lend(sealed_hash(&new_sealed), Some(Lease::Read)));
    assert!(
        whole[..len] == expected[..],
        "edits whose text lies inside the text change nothing"
    );
}

/// The words a command sends on its lease and its end, read in one go, are heard before
/// the end: the text written over is the new file's, not the old one's.
#[test]
fn a_lease_s_last_words_are_heard_before_its_end() {
    use super::protocol::Lease;
    use super::texts::Texts;
    use crate::crypt::keyfile::Keys;

    let keys = Keys::generate(age::x25519::Identity::generate().to_public());
    let plain = br#"{"promises":["Send the notes"]}"#.repeat(100);
    if !texts_may_be_kept(2 * plain.len()) {
        return;
    }
    let dir = tempfile::tempdir().expect("a folder");
    let path = dir.path().join("ledger.json");
    let sealed = keys.seal(&plain).expect("sealed");
    std::fs::write(&path, &sealed).expect("written");
    let id = keys.key_id();
    let mut texts = Texts::default();
    texts.remember(&id, &keys.secret(), &path);
    let old = super::sealed_hash(&sealed);
    let lent = texts.find(&id, old, Some(Lease::Write)).expect("kept").id;
    let (ours, theirs) = UnixStream::pair().expect("a pair");
    ours.set_nonblocking(true).expect("non-blocking");
    let mut theirs = theirs;
    let new = 0x1234_u128;
    write!(
        theirs,
        "{{\"op\":\"rewriting\"}}\n{{\"op\":\"rewritten\",\"sealed\":\"{new:032x}\",\"len\":{}}}\n",
        plain.len()
    )
    .expect("sent");
    drop(theirs);
    let mut lease = super::serve::Lent::new(ours, lent);
    assert!(!lease.hear(&mut texts), "the lease is over");
    texts.released(lent);
    assert!(texts.find(&id, old, None).is_none(), "not the old file's");
    assert!(texts.find(&id, new, None).is_some(), "the new file's");
}

/// A command whose file's text is not kept may be lent the memory of a text of the same key
/// that no command maps, to decrypt its file into: then that file's text is kept, and the
/// old one is not. A text mapped by another command, one of another key, or one asked for
/// without a lease to fill is never lent so.
#[test]
fn the_memory_of_a_text_no_one_reads_is_lent_to_decrypt_another_file_into() {
    use super::protocol::Lease;
    use super::sealed_hash;
    use crate::crypt::keyfile::Keys;

    let Some(set_up) = keeping_a_text() else {
        return;
    };
    let (a, keys, _, sealed) = set_up.parts();
    let id = keys.key_id();
    let other = Keys::generate(age::x25519::Identity::generate().to_public());
    a.put(&other.key_id(), &other.secret(), Duration::from_secs(30))
        .expect("put");
    let changed = br#"{"promises":["Send the notes","Changed elsewhere"]}"#.repeat(600);
    let elsewhere = keys.seal(&changed).expect("sealed");
    let ask =
        |key: &str, bytes: &[u8], lease| a.text(key, || sealed_hash(bytes), lease).expect("asked");

    assert!(
        ask(&id, &elsewhere, None).is_none(),
        "no lease, nothing lent"
    );
    assert!(
        ask(&id, &elsewhere, Some(Lease::Read)).is_none(),
        "read only"
    );
    assert!(
        ask(&other.key_id(), &elsewhere, Some(Lease::Fill)).is_none(),
        "only a text of the same key"
    );
    let reading = ask(&id, sealed, Some(Lease::Read)).expect("kept");
    assert!(
        ask(&id, &elsewhere, Some(Lease::Fill)).is_none(),
        "not a text another command maps"
    );
    drop(reading);

    let mut lent = ask(&id, &elsewhere, Some(Lease::Fill)).expect("memory lent");
    assert!(!lent.held);
    let len = crate::crypt::envelope::plain_len(&elsewhere).expect("a sealed file");
    assert_eq!(len, changed.len());
    let mut lease = lent.lease.take().expect("a lease");
    assert_eq!(
        lease.fill(&lent.file, lent.sealed, len, |plain| keys
            .open_into(&elsewhere, plain)
            .is_ok()),
        Some(len)
    );
    drop((lease, lent));
    assert!(ask(&id, sealed, None).is_none(), "the old text is gone");
    let mut kept = ask(&id, &elsewhere, Some(Lease::Read)).expect("the file's text kept");
    assert!(kept.held);
    assert_eq!(kept.len, changed.len() as u64);
    let mut back = vec![0; changed.len()];
    kept.file.read_exact(&mut back).expect("read");
    assert!(back == changed, "decrypted into the lent memory");
}
