//! `gisa words`: new-word candidates from the index, and `--add` to the user dictionary.

use std::io::Write;
use std::process::ExitCode;

use anyhow::{Result, bail};

use crate::flags::{Cli, WordsArgs, WordsFormat};
use crate::words::{self, Candidate};

pub fn run(cli: &Cli, args: &WordsArgs) -> Result<ExitCode> {
    let ix = super::open_index(cli)?;
    // Words given by name need no discovery.
    let chosen = args.add.as_ref().filter(|w| !w.is_empty());
    let target = || -> Result<std::path::PathBuf> {
        match args.user_dict.clone().or_else(|| ix.meta.analyzer.user_dictionary.clone()) {
            Some(p) => Ok(p),
            None => bail!("--add: the index has no user dictionary; name one with --user-dict FILE"),
        }
    };
    if let Some(list) = chosen {
        let path = target()?;
        let added = words::user_dict::append(&path, list)?;
        note_added(&added, &path);
        return Ok(ExitCode::SUCCESS);
    }
    let found = words::discover(&ix, &words::Options { min_count: args.min_count, limit: args.limit })?;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    match args.format {
        WordsFormat::Json => writeln!(out, "{}", serde_json::to_string_pretty(&found)?)?,
        WordsFormat::Csv => {
            let mut w = csv::Writer::from_writer(&mut out);
            w.write_record([
                "rank",
                "word",
                "pieces",
                "score",
                "count",
                "articles",
                "cohesion",
                "left_entropy",
                "right_entropy",
                "particle_ratio",
                "example_id",
                "example",
            ])?;
            for (i, c) in found.candidates.iter().enumerate() {
                w.write_record([
                    (i + 1).to_string(),
                    c.word.clone(),
                    c.pieces.join(" "),
                    format!("{:.4}", c.score),
                    c.count.to_string(),
                    c.articles.to_string(),
                    format!("{:.4}", c.cohesion),
                    format!("{:.4}", c.left_entropy),
                    format!("{:.4}", c.right_entropy),
                    format!("{:.4}", c.particle_ratio),
                    c.example_id.clone(),
                    c.example.clone(),
                ])?;
            }
            w.flush()?;
        }
        WordsFormat::Text => {
            writeln!(
                out,
                "{} candidates among {} words read in pieces ({} articles)",
                found.candidates.len(),
                found.considered,
                found.articles
            )?;
            for (i, c) in found.candidates.iter().enumerate() {
                text_row(&mut out, i + 1, c)?;
            }
        }
    }
    out.flush()?;
    drop(out);
    if args.add.is_some() {
        let path = target()?;
        let list: Vec<String> = found.candidates.iter().map(|c| c.word.clone()).collect();
        let added = words::user_dict::append(&path, &list)?;
        note_added(&added, &path);
    }
    Ok(if found.candidates.is_empty() { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

fn text_row(out: &mut impl Write, rank: usize, c: &Candidate) -> std::io::Result<()> {
    writeln!(
        out,
        "{rank:>4}  {}  ({})  score {:.3}  {} times in {} articles  cohesion {:.2}  entropy {:.2}/{:.2}  particles {:.0}%",
        c.word,
        c.pieces.join("+"),
        c.score,
        c.count,
        c.articles,
        c.cohesion,
        c.left_entropy,
        c.right_entropy,
        c.particle_ratio * 100.0
    )?;
    writeln!(out, "      {}: {}", c.example_id, c.example)
}

fn note_added(added: &[String], path: &std::path::Path) {
    if added.is_empty() {
        eprintln!("gisa: {}: every word was already there", path.display());
    } else {
        eprintln!(
            "gisa: added {} words to {} ({}); run `gisa index --user-dict {}` to re-analyze the articles they occur in",
            added.len(),
            path.display(),
            added.join(", "),
            path.display()
        );
    }
}
