//! Why talking to or running the agent failed. Every message names the socket or folder at
//! fault; none ever holds a secret.

use std::io;
use std::path::PathBuf;

use super::protocol::MAX_SECRET;

/// A failure of the agent or of talking to it. "No agent runs" is never one: the client's
/// calls answer `None` or `false` for it.
#[derive(Debug, thiserror::Error)]
pub enum AgentError {
    #[error("could not make the agent's private folder {}: {source}", .path.display())]
    Folder {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    #[error("the agent's folder {} {why}", .path.display())]
    UnsafeFolder { path: PathBuf, why: String },
    #[error(
        "the agent's socket {} is too long a path for a Unix socket: set TRUSTLADDER_AGENT_DIR or XDG_RUNTIME_DIR to a shorter folder",
        .path.display()
    )]
    PathTooLong { path: PathBuf },
    #[error("an agent already runs on {}", .path.display())]
    AlreadyRunning { path: PathBuf },
    #[error("the agent could not listen on {}: {source}", .path.display())]
    Listen {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    #[error("the agent could not refuse core dumps: {0}")]
    Harden(#[source] nix::Error),
    #[error("the agent could not detach from the terminal: {0}")]
    Detach(#[source] nix::Error),
    #[error("the agent on {} stopped: {source}", .path.display())]
    Stopped {
        path: PathBuf,
        #[source]
        source: nix::Error,
    },
    #[error("could not start the agent ({}): {why}", .program.display())]
    Start { program: PathBuf, why: String },
    /// Stopped or stuck: `lock` cannot reach it either, so the message says how to end it,
    /// by its process id where the folder's lock says which process it is.
    #[error(
        "the agent did not answer on {} within {secs} s, stopped or stuck: {}, then `trustladder unlock` starts a new one",
        .path.display(),
        AgentError::ending(*.pid)
    )]
    NoAnswer {
        path: PathBuf,
        secs: u64,
        pid: Option<u32>,
    },
    #[error("could not talk to the agent on {}: {source}", .path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    #[error(
        "the agent on {} runs as user {uid}, not as you: refusing to use it",
        .path.display()
    )]
    Impostor { path: PathBuf, uid: u32 },
    #[error("the agent on {} refused: {message}", .path.display())]
    Refused { path: PathBuf, message: String },
    #[error("the agent on {} sent an answer that cannot be read: {why}", .path.display())]
    BadAnswer { path: PathBuf, why: String },
    #[error("cannot give the agent this key: {0}")]
    KeyId(String),
    #[error("the secret is {0} bytes; the agent holds at most {MAX_SECRET}")]
    TooLarge(usize),
    #[error("could not set aside locked memory for a secret: {0}")]
    Memory(#[source] io::Error),
}

impl AgentError {
    /// What ends an agent that does not answer, which no request (`lock` neither) can reach:
    /// its process, `pid` where the folder's lock names it, whose keys go with it.
    pub fn ending(pid: Option<u32>) -> String {
        match pid {
            Some(pid) => format!(
                "`kill {pid}` ends it and the keys it holds (`kill -KILL {pid}` if it is still there)"
            ),
            None => "end the process that listens there".to_string(),
        }
    }
}

/// The exit code of `trustladder agent` when an agent already runs on its socket, so that the
/// client that started it can tell a lost race (another one started first) from a failure.
pub const ALREADY_RUNNING: u8 = 4;

impl AgentError {
    /// The exit code of `trustladder agent` failing with this error: 1, or
    /// [`ALREADY_RUNNING`].
    pub fn exit_code(&self) -> u8 {
        match self {
            AgentError::AlreadyRunning { .. } => ALREADY_RUNNING,
            _ => 1,
        }
    }
}
