//! `cargo test` leaves nothing behind: a tmux server the end-to-end tests start keeps its
//! socket in a folder of its own, and both are gone once the test is done with it, however the
//! server ended. (tmux's shared `tmux-UID` folder is never used, so nothing can pile up there.)

mod tmux_support;

use std::path::PathBuf;

use tmux_support::Tmux;

/// tmux's shared socket folder, where `tmux -L NAME` would have put a socket named NAME.
fn shared_folder() -> PathBuf {
    use std::os::unix::fs::MetadataExt;
    let uid = std::fs::metadata("/proc/self").map_or(0, |m| m.uid());
    let base = std::env::var_os("TMUX_TMPDIR").map_or_else(|| PathBuf::from("/tmp"), PathBuf::from);
    base.join(format!("tmux-{uid}"))
}

fn names_in_shared_folder(name: &str) -> Vec<String> {
    std::fs::read_dir(shared_folder())
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.contains(name))
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn a_tmux_server_leaves_no_socket_and_no_folder() {
    let name = format!("leaves-nothing-{}", std::process::id());
    let tmux = Tmux::start(&name, "exec sleep 60");
    let socket = tmux.socket().to_path_buf();
    let folder = socket.parent().unwrap().to_path_buf();
    assert!(
        socket.exists(),
        "the server listens at {}",
        socket.display()
    );
    assert!(names_in_shared_folder(&name).is_empty());
    drop(tmux);
    assert!(!socket.exists(), "{} was left behind", socket.display());
    assert!(!folder.exists(), "{} was left behind", folder.display());
    assert!(names_in_shared_folder(&name).is_empty());
}

#[test]
fn a_server_that_ended_by_itself_leaves_nothing_either() {
    let name = format!("ended-{}", std::process::id());
    let tmux = Tmux::start(&name, "exec sleep 60");
    let socket = tmux.socket().to_path_buf();
    let folder = socket.parent().unwrap().to_path_buf();
    assert!(tmux.run(&["kill-server"]).status.success());
    drop(tmux);
    assert!(!socket.exists() && !folder.exists(), "{}", folder.display());
}
