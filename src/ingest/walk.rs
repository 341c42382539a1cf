//! The directory walk: every file under the folder that may hold an article.
//!
//! Symbolic links are followed (people link folders of saved news into their archive), but a
//! link that loops back is reported instead of walked forever. Hidden files and folders and
//! version-control folders are skipped, as are paths matching `--exclude` globs and the
//! resource folders of pages saved "complete" (`NAME_files/`, `NAME.files/` beside
//! `NAME.html`). Files whose extension is not an article format are not returned at all.

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use anyhow::{Context, Result};
use globset::{Glob, GlobSet, GlobSetBuilder};
use rayon::prelude::*;

use super::{Format, filename};

/// A file the walk found.
#[derive(Debug, Clone)]
pub struct FoundFile {
    pub path: PathBuf,
    /// Path relative to the walked folder, with `/` separators, as a lossless key
    /// ([`super::filename`]): the file's identity. The name itself when it is UTF-8.
    pub rel: String,
    pub format: Format,
    pub size: u64,
    pub modified: Option<SystemTime>,
}

/// Something the walk could not look at (an unreadable folder, a symlink loop).
#[derive(Debug, Clone)]
pub struct WalkProblem {
    pub path: String,
    pub reason: String,
}

/// Result of a walk: the files in path order, and the problems met on the way.
#[derive(Debug, Default)]
pub struct Walk {
    pub files: Vec<FoundFile>,
    pub problems: Vec<WalkProblem>,
}

/// Compiles `--exclude` patterns. A pattern without `/` matches a file or folder name at any
/// depth (`*.bak`, `drafts`); one with `/` matches the relative path (`2019/**`).
pub fn excludes(patterns: &[String]) -> Result<GlobSet> {
    let mut b = GlobSetBuilder::new();
    for p in patterns {
        let glob = if p.contains('/') { p.trim_start_matches("./").to_owned() } else { format!("**/{p}") };
        b.add(Glob::new(&glob).with_context(|| format!("--exclude {p:?} is not a valid glob"))?);
        // A folder pattern also excludes everything below it.
        b.add(
            Glob::new(&format!("{}/**", glob.trim_end_matches('/'))).with_context(|| format!("bad --exclude {p:?}"))?,
        );
    }
    Ok(b.build()?)
}

fn is_hidden_or_vcs(name: &str) -> bool {
    name.starts_with('.') || matches!(name, "CVS" | "_darcs" | "node_modules")
}

/// True if `dir` is the resource folder a browser saves beside a page ("web page,
/// complete": `기사.html` + `기사_files/`, or `기사.files/`): its frames, scripts and images
/// are the page's, never articles of their own.
fn is_page_resources(dir: &Path) -> bool {
    // On the name's bytes: a page saved under a CP949 name has its folder named so too.
    let Some(name) = dir.file_name().map(filename::os_bytes) else { return false };
    let Some(stem) = name.strip_suffix(b"_files").or_else(|| name.strip_suffix(b".files")) else { return false };
    if stem.is_empty() {
        return false;
    }
    let Some(parent) = dir.parent() else { return false };
    ["html", "htm", "xhtml", "shtml", "HTML", "HTM"]
        .iter()
        .any(|ext| parent.join(filename::os_string(&[stem, b".", ext.as_bytes()].concat())).is_file())
}

/// Relative path with `/` separators, as a lossless key ([`filename::key_from_bytes`]).
pub fn rel_path(root: &Path, path: &Path) -> String {
    // The walker's paths are the root joined with names: on Unix the key is the bytes after
    // the root and a `/` (a no-change run computes it for every file; parsing both paths
    // into components cost a fifth of such a run).
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let (p, r) = (path.as_os_str().as_bytes(), root.as_os_str().as_bytes());
        if let Some(rest) = p.strip_prefix(r).and_then(|rest| rest.strip_prefix(b"/"))
            && !r.ends_with(b"/")
            && !rest.is_empty()
            && !rest.starts_with(b"/")
            && !rest.windows(2).any(|w| w == b"//" || w == b"/.")
            && !rest.starts_with(b".")
            && !rest.ends_with(b"/")
        {
            return filename::key_from_bytes(rest).into_owned();
        }
    }
    let rel = path.strip_prefix(root).unwrap_or(path);
    let parts: Vec<_> = rel.components().map(|c| filename::os_bytes(c.as_os_str())).collect();
    filename::key_from_bytes(&parts.join(&b'/')).into_owned()
}

/// Walks `root` (a folder, or a single file).
pub fn walk(root: &Path, exclude: &GlobSet) -> Result<Walk> {
    let meta = std::fs::metadata(root).with_context(|| format!("cannot read {}", root.display()))?;
    let mut out = Walk::default();
    if meta.is_file() {
        let name = root.file_name().map(filename::key_of).unwrap_or_default();
        if let Some(format) = Format::from_path(root) {
            out.files.push(FoundFile {
                path: root.to_path_buf(),
                rel: name,
                format,
                size: meta.len(),
                modified: meta.modified().ok(),
            });
        }
        return Ok(out);
    }
    // Unsorted: walkdir's sort by file name parses both paths of every comparison (a quarter
    // of a no-change run); the files are put in the same order below, from their keys.
    let walker = walkdir::WalkDir::new(root).follow_links(true).into_iter();
    let mut it = walker.filter_entry(|e| {
        if e.depth() == 0 {
            return true;
        }
        let name = e.file_name().to_string_lossy();
        if is_hidden_or_vcs(&name) || (e.file_type().is_dir() && is_page_resources(e.path())) {
            return false;
        }
        // Globs are typed as people read names: matched on the decoded name.
        exclude.is_empty() || !exclude.is_match(filename::display_of_key(&rel_path(root, e.path())).as_ref())
    });
    // Each folder's files are `stat`ed on the pool's threads while this one lists the next
    // folder and gathers the batches done (so that few are held twice).
    let (done, results) = std::sync::mpsc::channel();
    let (files, problems) = (&mut out.files, &mut out.problems);
    let mut gather = |(batch, failed): (Vec<FoundFile>, Vec<WalkProblem>), problems: &mut Vec<WalkProblem>| {
        files.extend(batch);
        problems.extend(failed);
    };
    rayon::in_place_scope(|scope| {
        let mut batch: Vec<FoundFile> = Vec::new();
        let send = |batch: Vec<FoundFile>| {
            let done = done.clone();
            scope.spawn(move |_| {
                // The receiver outlives the scope.
                let _ = done.send(stat_batch(batch));
            });
        };
        loop {
            let entry = match it.next() {
                None => break,
                Some(Ok(e)) => e,
                Some(Err(err)) => {
                    let path = err.path().map(|p| rel_path(root, p)).unwrap_or_default();
                    let reason = if err.loop_ancestor().is_some() {
                        "symbolic link loop, not followed".to_owned()
                    } else {
                        err.io_error().map_or_else(|| err.to_string(), |io| io.to_string())
                    };
                    problems.push(WalkProblem { path, reason });
                    continue;
                }
            };
            if !entry.file_type().is_file() {
                continue;
            }
            let Some(format) = Format::from_path(entry.path()) else { continue };
            if batch
                .last()
                .is_some_and(|last| batch.len() >= STAT_RUN || folder_of(&last.path) != folder_of(entry.path()))
            {
                send(std::mem::take(&mut batch));
                while let Ok(result) = results.try_recv() {
                    gather(result, problems);
                }
            }
            let rel = rel_path(root, entry.path());
            batch.push(FoundFile { path: entry.into_path(), rel, format, size: 0, modified: None });
        }
        if !batch.is_empty() {
            send(batch);
        }
    });
    drop(done);
    for result in results {
        gather(result, problems);
    }
    // The order of a walk that lists each folder by name: the relative paths compared part
    // by part, which is their bytes compared with `/` below every other byte. Every path is
    // `root` joined with clean names (the walk builds them so), so whole paths compare as
    // their relative parts do, with nothing allocated per file (and unstably: no two paths
    // are equal).
    out.files.par_sort_unstable_by(|a, b| {
        walk_order(&filename::os_bytes(a.path.as_os_str()), &filename::os_bytes(b.path.as_os_str()))
    });
    out.problems.sort_by_cached_key(|p| p.path.replace('/', "\0"));
    Ok(out)
}

/// At most this many files are `stat`ed as one batch (with one handle on their folder), so
/// that a large folder still spreads over the cores.
const STAT_RUN: usize = 1024;

/// The size and time of every file of `batch` (files of one folder), and the files that
/// could not be read. The `stat` calls are most of a run that finds nothing changed; each is
/// made relative to an open handle on the folder (`statx` on a name), so the kernel looks up
/// one name instead of walking the whole path again for each of a million files.
fn stat_batch(mut batch: Vec<FoundFile>) -> (Vec<FoundFile>, Vec<WalkProblem>) {
    #[cfg(target_os = "linux")]
    let folder = batch.first().map(|f| folder_of(&f.path)).filter(|dir| !dir.is_empty()).and_then(|dir| {
        use rustix::fs::{Mode, OFlags};
        use std::os::unix::ffi::OsStrExt;
        let dir = std::ffi::OsStr::from_bytes(dir);
        rustix::fs::open(dir, OFlags::PATH | OFlags::DIRECTORY | OFlags::CLOEXEC, Mode::empty()).ok()
    });
    let mut failed = Vec::new();
    batch.retain_mut(|f| {
        #[cfg(target_os = "linux")]
        let found = match (&folder, split_name(&f.path).1) {
            (Some(dir), name) if !name.is_empty() && name != b".." => {
                use std::os::unix::ffi::OsStrExt;
                stat_at(dir, std::ffi::OsStr::from_bytes(name)).unwrap_or_else(|| size_and_time(&f.path))
            }
            _ => size_and_time(&f.path),
        };
        #[cfg(not(target_os = "linux"))]
        let found = size_and_time(&f.path);
        match found {
            Ok((size, modified)) => {
                (f.size, f.modified) = (size, modified);
                true
            }
            Err(e) => {
                failed.push(WalkProblem { path: f.rel.clone(), reason: e.to_string() });
                false
            }
        }
    });
    (batch, failed)
}

/// The bytes of a walked path's folder (everything before its last `/`) and of its name.
fn split_name(path: &Path) -> (&[u8], &[u8]) {
    let bytes = path.as_os_str().as_encoded_bytes();
    bytes.iter().rposition(|&b| b == b'/').map_or((&[], bytes), |i| (&bytes[..i], &bytes[i + 1..]))
}

fn folder_of(path: &Path) -> &[u8] {
    split_name(path).0
}

/// Size and modification time as `std::fs::metadata` gives them (following links).
fn size_and_time(path: &Path) -> std::io::Result<(u64, Option<SystemTime>)> {
    std::fs::metadata(path).map(|m| (m.len(), m.modified().ok()))
}

/// `statx` of `name` in the open folder `dir`, following links as `std::fs::metadata`
/// does; `None` where the kernel has no `statx` (then the caller asks by path).
#[cfg(target_os = "linux")]
fn stat_at(dir: &std::os::fd::OwnedFd, name: &std::ffi::OsStr) -> Option<std::io::Result<(u64, Option<SystemTime>)>> {
    use rustix::fs::{AtFlags, StatxFlags};
    match rustix::fs::statx(dir, name, AtFlags::empty(), StatxFlags::SIZE | StatxFlags::MTIME) {
        Ok(st) => {
            let modified = (st.stx_mask & StatxFlags::MTIME.bits() != 0)
                .then(|| system_time(st.stx_mtime.tv_sec, st.stx_mtime.tv_nsec))
                .flatten();
            Some(Ok((st.stx_size, modified)))
        }
        Err(rustix::io::Errno::NOSYS) => None,
        Err(e) => Some(Err(e.into())),
    }
}

/// The time `secs` seconds and `nanos` nanoseconds after the epoch, as std reads a file's.
#[cfg(target_os = "linux")]
fn system_time(secs: i64, nanos: u32) -> Option<SystemTime> {
    use std::time::{Duration, UNIX_EPOCH};
    let whole = if secs >= 0 {
        UNIX_EPOCH.checked_add(Duration::from_secs(secs.unsigned_abs()))
    } else {
        UNIX_EPOCH.checked_sub(Duration::from_secs(secs.unsigned_abs()))
    };
    whole?.checked_add(Duration::from_nanos(u64::from(nanos)))
}

/// Two paths in the order of a walk sorted by name: bytes compared with `/` as 0, as
/// [`order_key`] makes them (no name holds a 0 byte, so parts compare as a folder listing
/// does).
fn walk_order(a: &[u8], b: &[u8]) -> std::cmp::Ordering {
    // Paths of one folder share a long start: skip it eight bytes at a time.
    let mut same = 0;
    while let (Some(x), Some(y)) = (a[same..].first_chunk::<8>(), b[same..].first_chunk::<8>())
        && x == y
    {
        same += 8;
    }
    same += a[same..].iter().zip(&b[same..]).take_while(|(x, y)| x == y).count();
    let rank = |c: u8| if c == b'/' { 0 } else { c };
    match (a.get(same), b.get(same)) {
        (Some(&x), Some(&y)) => rank(x).cmp(&rank(y)),
        (x, y) => x.is_some().cmp(&y.is_some()),
    }
}

/// A path's place in a walk sorted by name: its bytes after `root`, `/` as 0 (no name holds
/// a 0 byte, so parts compare as a folder listing does).
#[cfg(test)]
fn order_key(root: &Path, path: &Path) -> Vec<u8> {
    let rel = path.strip_prefix(root).unwrap_or(path);
    let mut key = Vec::with_capacity(rel.as_os_str().len());
    for (i, c) in rel.components().enumerate() {
        if i > 0 {
            key.push(0);
        }
        key.extend_from_slice(&filename::os_bytes(c.as_os_str()));
    }
    key
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn every_file_gets_the_size_and_time_std_reads_by_path() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let root = dir.path();
        let big = root.join("big");
        std::fs::create_dir_all(big.join("in")).unwrap_or_else(|e| panic!("{e}"));
        // More files in one folder than one handle serves, so runs split it.
        for i in 0..(STAT_RUN * 2 + 7) {
            std::fs::write(big.join(format!("{i:05}.txt")), "가".repeat(i % 50)).unwrap_or_else(|e| panic!("{e}"));
        }
        std::fs::write(big.join("in/기사.txt"), "본문").unwrap_or_else(|e| panic!("{e}"));
        // Times before the epoch and with nanoseconds read the same both ways.
        let old = big.join("00003.txt");
        filetime::set_file_mtime(&old, filetime::FileTime::from_unix_time(-86_401, 123_456_789))
            .unwrap_or_else(|e| panic!("{e}"));
        filetime::set_file_mtime(big.join("00004.txt"), filetime::FileTime::from_unix_time(1_700_000_000, 999_999_999))
            .unwrap_or_else(|e| panic!("{e}"));
        // A linked folder and a linked file are read through the link.
        std::os::unix::fs::symlink(big.join("in"), root.join("linked")).unwrap_or_else(|e| panic!("{e}"));
        std::os::unix::fs::symlink(big.join("00010.txt"), root.join("link.txt")).unwrap_or_else(|e| panic!("{e}"));
        let w = walk(root, &excludes(&[]).unwrap_or_else(|e| panic!("{e}"))).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(w.files.len(), STAT_RUN * 2 + 7 + 3);
        assert!(w.problems.is_empty(), "{:?}", w.problems);
        for f in &w.files {
            let m = std::fs::metadata(&f.path).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!((f.size, f.modified), (m.len(), m.modified().ok()), "{}", f.rel);
        }
        let at = |rel: &str| w.files.iter().position(|f| f.rel == rel).unwrap_or_else(|| panic!("{rel}"));
        assert_eq!(
            w.files[at("big/00003.txt")].modified,
            std::time::UNIX_EPOCH.checked_sub(std::time::Duration::new(86_400, 876_543_211))
        );
        assert_eq!(w.files[at("linked/기사.txt")].size, "본문".len() as u64);

        // Files gone between the listing and the `stat`: left out, each named once with
        // the error a `stat` by path gives.
        let batch: Vec<FoundFile> = w.files.iter().filter(|f| f.rel.starts_with("big/0")).cloned().collect();
        let gone = ["big/00000.txt", "big/01030.txt", "big/02054.txt"];
        let by_path: Vec<String> = gone
            .iter()
            .map(|rel| {
                let path = &w.files[at(rel)].path;
                std::fs::remove_file(path).unwrap_or_else(|e| panic!("{e}"));
                std::fs::metadata(path).map(|_| ()).unwrap_err().to_string()
            })
            .collect();
        let (kept, failed) = stat_batch(batch.clone());
        assert_eq!(kept.len(), batch.len() - 3);
        assert!(kept.iter().all(|f| !gone.contains(&f.rel.as_str())));
        let failed: Vec<(&str, &str)> = failed.iter().map(|p| (p.path.as_str(), p.reason.as_str())).collect();
        assert_eq!(failed, gone.iter().zip(&by_path).map(|(g, r)| (*g, r.as_str())).collect::<Vec<_>>());
        // And a walk then leaves them out, naming each.
        let w = walk(root, &excludes(&[]).unwrap_or_else(|e| panic!("{e}"))).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(w.files.len(), STAT_RUN * 2 + 7);
    }

    #[test]
    fn complete_saves_are_one_page() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let root = dir.path();
        let write = |rel: &str| {
            let p = root.join(rel);
            if let Some(parent) = p.parent() {
                std::fs::create_dir_all(parent).unwrap_or_else(|e| panic!("{e}"));
            }
            std::fs::write(&p, "<html><body><p>x</p></body></html>").unwrap_or_else(|e| panic!("{e}"));
        };
        write("기사.html");
        write("기사_files/ad.html");
        write("기사_files/comments.htm");
        write("old.htm");
        write("old.files/frame.html");
        // A folder that only looks like one: no page beside it.
        write("notes_files/memo.html");
        let w = walk(root, &excludes(&[]).unwrap_or_else(|e| panic!("{e}"))).unwrap_or_else(|e| panic!("{e}"));
        let rels: Vec<&str> = w.files.iter().map(|f| f.rel.as_str()).collect();
        assert_eq!(rels, ["notes_files/memo.html", "old.htm", "기사.html"]);
    }

    #[test]
    fn files_come_in_the_order_of_folders_listed_by_name() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let root = dir.path();
        let names = ["a.txt", "a/x.txt", "a/b/y.txt", "a-b.txt", "ab/z.txt", "가/나.txt", "B.txt", "a/c.txt"];
        for rel in names {
            let p = root.join(rel);
            std::fs::create_dir_all(p.parent().unwrap_or(root)).unwrap_or_else(|e| panic!("{e}"));
            std::fs::write(&p, "기사").unwrap_or_else(|e| panic!("{e}"));
        }
        let w = walk(root, &excludes(&[]).unwrap_or_else(|e| panic!("{e}"))).unwrap_or_else(|e| panic!("{e}"));
        let rels: Vec<&str> = w.files.iter().map(|f| f.rel.as_str()).collect();
        // As walkdir sorted by file name lists them: a folder's files where its name sorts.
        let sorted: Vec<String> = walkdir::WalkDir::new(root)
            .sort_by_file_name()
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(|e| rel_path(root, e.path()))
            .collect();
        assert_eq!(rels, sorted);
        assert_eq!(rels[..4], ["B.txt", "a/b/y.txt", "a/c.txt", "a/x.txt"]);
    }

    #[test]
    fn whole_paths_compare_as_their_order_keys_do() {
        let root = Path::new("/news/saved");
        let rels = [
            "a.txt",
            "a/x.txt",
            "a/b/y.txt",
            "a-b.txt",
            "ab/z.txt",
            "가/나.txt",
            "B.txt",
            "a/c.txt",
            "a",
            "a.b/c",
            "a b/c",
        ];
        for x in rels {
            for y in rels {
                let (px, py) = (root.join(x), root.join(y));
                let want = order_key(root, &px).cmp(&order_key(root, &py));
                assert_eq!(
                    walk_order(&filename::os_bytes(px.as_os_str()), &filename::os_bytes(py.as_os_str())),
                    want,
                    "{x} vs {y}"
                );
            }
        }
    }

    #[test]
    fn relative_paths_on_bytes_agree_with_components() {
        let by_components = |root: &Path, path: &Path| {
            let rel = path.strip_prefix(root).unwrap_or(path);
            let parts: Vec<_> = rel.components().map(|c| filename::os_bytes(c.as_os_str())).collect();
            filename::key_from_bytes(&parts.join(&b'/')).into_owned()
        };
        for (root, path) in [
            ("/news", "/news/2024/07/기사.html"),
            ("/news/", "/news/a.txt"),
            ("news", "news/a/b.json"),
            ("/news", "/news//a.txt"),
            ("/news", "/news/./a.txt"),
            ("/news", "/other/a.txt"),
            ("/news", "/news/.hidden/a.txt"),
            ("/", "/a/b.txt"),
        ] {
            let (root, path) = (Path::new(root), Path::new(path));
            assert_eq!(rel_path(root, path), by_components(root, path), "{root:?} {path:?}");
        }
        // A CP949 name keeps its bytes in the key.
        #[cfg(unix)]
        {
            use std::os::unix::ffi::OsStrExt;
            let path = Path::new("/news").join(std::ffi::OsStr::from_bytes(b"\xb1\xe2\xbb\xe7.txt"));
            assert_eq!(rel_path(Path::new("/news"), &path), by_components(Path::new("/news"), &path));
        }
    }
}
