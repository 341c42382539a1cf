//! The output folder: checked before any work, filled through a staging folder, published at
//! the end.
//!
//! An export folder holds `template.json`, `manifest.json` and `bulk/NNNNN.ndjson`. Everything
//! is first written into a hidden staging folder inside it (same file system, so the final
//! renames are atomic); publishing moves the previous export's `bulk/` aside, renames the new
//! one in, then the template, then the manifest last. A run that fails leaves the previous
//! export as it was (and its staging folder is removed). gisa never overwrites files it did
//! not write: a folder whose `template.json`, `manifest.json` or `bulk/` is not a gisa
//! export's is refused.

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, anyhow, bail};

/// Files of an export folder.
pub const TEMPLATE_FILE: &str = "template.json";
pub const MANIFEST_FILE: &str = "manifest.json";
pub const BULK_DIR: &str = "bulk";

/// The key that marks gisa's manifest.
pub const MANIFEST_MARK: &str = "gisa_export";

/// An output folder being written.
pub struct OutDir {
    root: PathBuf,
    staging: tempfile::TempDir,
}

/// Whether `dir/manifest.json` is a gisa export's.
fn is_gisa_export(dir: &Path) -> bool {
    fs::read(dir.join(MANIFEST_FILE))
        .ok()
        .and_then(|b| serde_json::from_slice::<serde_json::Value>(&b).ok())
        .is_some_and(|v| v.get(MANIFEST_MARK).is_some())
}

impl OutDir {
    /// Checks and creates the folder and a staging folder inside it.
    pub fn prepare(root: &Path) -> Result<OutDir> {
        if root.exists() && !root.is_dir() {
            bail!("{} is not a folder", root.display());
        }
        fs::create_dir_all(root).with_context(|| format!("cannot create the output folder {}", root.display()))?;
        if !is_gisa_export(root) {
            for name in [TEMPLATE_FILE, MANIFEST_FILE, BULK_DIR] {
                if root.join(name).exists() {
                    bail!(
                        "{} already has a {name} that is not from a gisa export; choose another folder",
                        root.display()
                    );
                }
            }
        }
        let staging = tempfile::Builder::new()
            .prefix(".gisa-export-")
            .tempdir_in(root)
            .with_context(|| format!("cannot write into the output folder {}", root.display()))?;
        Ok(OutDir { root: root.to_path_buf(), staging })
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Where the new export is written.
    pub fn staging(&self) -> &Path {
        self.staging.path()
    }

    /// Writes a small file into the staging folder (fsynced).
    pub fn write(&self, name: &str, bytes: &[u8]) -> Result<()> {
        let path = self.staging().join(name);
        let mut f = fs::File::create(&path).with_context(|| format!("cannot write {}", path.display()))?;
        std::io::Write::write_all(&mut f, bytes).with_context(|| format!("cannot write {}", path.display()))?;
        f.sync_all().with_context(|| format!("cannot write {}", path.display()))?;
        Ok(())
    }

    /// Replaces the previous export with the staged one.
    pub fn publish(self) -> Result<()> {
        let stage = self.staging.path();
        let rename = |from: &Path, to: &Path| {
            fs::rename(from, to).with_context(|| format!("cannot move {} to {}", from.display(), to.display()))
        };
        let bulk = self.root.join(BULK_DIR);
        if bulk.exists() {
            rename(&bulk, &stage.join("previous-bulk"))?;
        }
        let staged_bulk = stage.join(BULK_DIR);
        if staged_bulk.exists() {
            rename(&staged_bulk, &bulk)?;
        }
        rename(&stage.join(TEMPLATE_FILE), &self.root.join(TEMPLATE_FILE))?;
        rename(&stage.join(MANIFEST_FILE), &self.root.join(MANIFEST_FILE))?;
        if let Ok(d) = fs::File::open(&self.root) {
            // Make the renames durable where the platform allows syncing a folder.
            d.sync_all().ok();
        }
        self.staging.close().map_err(|e| anyhow!("cannot remove the staging folder: {e}"))?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_files_it_did_not_write_and_replaces_its_own() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("out");
        fs::create_dir_all(&root).unwrap();
        fs::write(root.join(TEMPLATE_FILE), b"{}").unwrap();
        let e = OutDir::prepare(&root).err().unwrap().to_string();
        assert!(e.contains("not from a gisa export"), "{e}");
        fs::remove_file(root.join(TEMPLATE_FILE)).unwrap();

        for round in 0..2 {
            let out = OutDir::prepare(&root).unwrap();
            fs::create_dir_all(out.staging().join(BULK_DIR)).unwrap();
            fs::write(out.staging().join(BULK_DIR).join(format!("r{round}.ndjson")), b"{}\n").unwrap();
            out.write(TEMPLATE_FILE, b"{}").unwrap();
            out.write(MANIFEST_FILE, br#"{"gisa_export": 1}"#).unwrap();
            out.publish().unwrap();
        }
        let names: Vec<String> =
            fs::read_dir(root.join(BULK_DIR)).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
        assert_eq!(names, vec!["r1.ndjson"], "the previous export's bulk files are replaced");
        let left: Vec<String> =
            fs::read_dir(&root).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
        assert_eq!(left.len(), 3, "no staging folder left: {left:?}");
        let file = dir.path().join("file");
        fs::write(&file, b"x").unwrap();
        assert!(OutDir::prepare(&file).err().unwrap().to_string().contains("not a folder"));
    }
}
