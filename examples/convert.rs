use std::path::Path;
use std::time::Instant;
fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let (src_dir, work, out) = (Path::new(&args[1]), Path::new(&args[2]), Path::new(&args[3]));
    let t = Instant::now();
    let src = gisa::dict::convert::Source::read(src_dir)?;
    eprintln!(
        "read {:?} entries={} keys={} unk={}",
        t.elapsed(),
        src.lexicon.entries.len(),
        src.lexicon.key_count,
        src.unknown.entries.len()
    );
    std::fs::create_dir_all(work)?;
    gisa::dict::convert::write_source(&src, work)?;
    eprintln!("wrote source {:?}", t.elapsed());
    gisa::dict::convert::build_lindera(work, out)?;
    eprintln!("built {:?}", t.elapsed());
    let d = lindera_dictionary::dictionary::Dictionary::load_from_path(out).map_err(|e| anyhow::anyhow!("{e}"))?;
    let r = gisa::dict::verify::verify(&src, &d)?;
    eprintln!("verified {:?} {:?}", t.elapsed(), r);
    Ok(())
}
