//! `gisa dict install | import | info`.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Result;

use crate::dict::{self, KoDict, install};
use crate::flags::{Cli, DictCommand, InfoFormat};

pub fn run(cli: &Cli, cmd: &DictCommand) -> Result<ExitCode> {
    let target = dict::resolve_dir(cli.dict.as_deref())?;
    let mut progress = |msg: &str| eprintln!("gisa: {msg}");
    let manifest = match cmd {
        DictCommand::Install { wheel, force } => {
            if !force && let Ok(existing) = KoDict::open(&target) {
                println!(
                    "{} {} is already installed in {} (use --force to rebuild)",
                    existing.manifest.name,
                    existing.manifest.version,
                    target.display()
                );
                return Ok(ExitCode::SUCCESS);
            }
            install::install(&target, wheel.as_deref(), &mut progress)?
        }
        DictCommand::Import { mecab_dicdir } => install::import(mecab_dicdir, &target, &mut progress)?,
        DictCommand::Info { format } => return info(&target, *format),
        DictCommand::Decompile { mecab_dicdir, out } => {
            let src = crate::dict::mecab::Source::read(mecab_dicdir)?;
            std::fs::create_dir_all(out)?;
            crate::dict::convert::write_source(&src, out)?;
            crate::dict::convert::copy_rules(mecab_dicdir, out)?;
            println!(
                "wrote {} lexicon entries, a {}x{} matrix, {} character classes and {} unknown-word entries to {}",
                thousands(src.lexicon.entries.len()),
                src.matrix.left_size,
                src.matrix.right_size,
                src.chars.category_names.len(),
                src.unknown.entries.len(),
                out.display()
            );
            return Ok(ExitCode::SUCCESS);
        }
    };
    let v = &manifest.verified;
    println!(
        "installed {} {} in {}: {} entries ({} surfaces), {} matrix cells, {} code points and {} unknown-word entries verified against the source",
        manifest.name,
        manifest.version,
        target.display(),
        thousands(v.entries),
        thousands(v.surfaces),
        thousands(v.matrix_cells),
        thousands(v.code_points),
        v.unknown_entries
    );
    Ok(ExitCode::SUCCESS)
}

fn info(target: &std::path::Path, format: InfoFormat) -> Result<ExitCode> {
    let d = KoDict::open(target)?;
    let m = &d.manifest;
    let size: u64 = std::fs::read_dir(target)?
        .filter_map(|e| e.ok()?.metadata().ok())
        .filter(|md| md.is_file())
        .map(|md| md.len())
        .sum();
    let mut out = std::io::stdout().lock();
    match format {
        InfoFormat::Json => {
            let mut v = serde_json::to_value(m)?;
            v["location"] = serde_json::json!(target.display().to_string());
            v["size_bytes"] = serde_json::json!(size);
            writeln!(out, "{}", serde_json::to_string_pretty(&v)?)?;
        }
        InfoFormat::Text => {
            writeln!(out, "dictionary   {} {}", m.name, m.version)?;
            writeln!(out, "location     {}", target.display())?;
            writeln!(out, "source       {}", m.source)?;
            writeln!(out, "sys.dic      sha256 {}", m.sys_dic_sha256)?;
            writeln!(
                out,
                "entries      {} ({} surfaces, {} unknown-word entries), verified at install",
                thousands(m.verified.entries),
                thousands(m.verified.surfaces),
                m.verified.unknown_entries
            )?;
            writeln!(out, "context ids  {} left, {} right", m.left_ids, m.right_ids)?;
            writeln!(out, "fingerprint  {}", m.fingerprint)?;
            writeln!(out, "format       lindera-dictionary {} + gisa layout {}", m.lindera_dictionary, m.layout)?;
            writeln!(out, "size         {:.1} MB", size as f64 / 1e6)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// `1234567` → `1,234,567`.
pub fn thousands(n: usize) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}
