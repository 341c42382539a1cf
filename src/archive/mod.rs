//! Reading an archive, not just searching it: what the articles a search matches say in
//! aggregate — all of them, not only the top hits.
//!
//! - [`facets`]: counts by press, reporter, category, year, month, ISO week or day;
//! - [`trend`]: matching articles per period for several searches side by side;
//! - [`keywords`]: the terms unusually frequent in a set of hits against the whole archive;
//! - [`calendar`]: the KST periods (days, ISO weeks, months, years) both count by.
//!
//! Everything here returns plain data (serde-serializable); rendering — text tables,
//! terminal charts, CSV, JSON, SVG — is in `crate::output`. Requests are validated by
//! `search::validate` and compiled by `search::compile` like any search: there is one query
//! path. Counting goes through the fast-field collector of `search::tally`, which can count
//! distinct story groups instead of articles ([`Counting::Stories`]).

pub mod calendar;
pub mod facets;
pub mod keywords;
pub mod trend;

pub use crate::search::tally::Counting;
