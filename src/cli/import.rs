//! `steer import SOURCE ...`: a configuration in another format → a
//! `.steer` file (docs/import.md). The file goes to `-o FILE` (written
//! whole, atomically) or standard output; the summary of what was
//! imported and skipped goes to standard error. Exit codes as for every
//! command: 0 imported, 1 the input cannot be read (diagnostics with its
//! place), 2 usage or I/O error; nothing is written unless the import
//! succeeded.

use super::{EXIT_INVALID, EXIT_OK, EXIT_USAGE};
use crate::diagnostic::Style;
use crate::import::{self, ImportError, Imported};
use crate::source::{FileId, SourceMap};
use std::io::Write;
use std::path::{Path, PathBuf};

/// Import a configuration from another format into a .steer file.
///
/// The file is printed formatted as `steer fmt` prints it, grouped (zone,
/// inputs, regions, checks, endpoints, CIDR collections, pools, records),
/// with comments where the importer had to decide something. A summary of
/// what was imported and what was skipped, and why, goes to standard
/// error. See docs/import.md for each source.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    source: Source,
}

#[derive(Debug, clap::Subcommand)]
enum Source {
    Zone(ZoneArgs),
    Octodns(OctodnsArgs),
    Route53(Route53Args),
    Terraform(TerraformArgs),
}

/// Where the imported file goes.
#[derive(Debug, clap::Args)]
pub struct Output {
    /// Write the .steer file here (replaced whole, only when the import
    /// succeeds); `-` for standard output
    #[arg(
        short = 'o',
        long = "output",
        value_name = "FILE|-",
        default_value = "-"
    )]
    output: PathBuf,
}

/// A BIND master file (RFC 1035) → plain records.
///
/// $ORIGIN, $TTL, relative names, `@`, omitted owner, TTL and class,
/// parentheses, quoted and multi-string TXT are read. The apex SOA and NS
/// become the zone's `soa` and `nameservers`; types steer does not write
/// and $INCLUDE lines are reported and skipped.
#[derive(Debug, clap::Args)]
pub struct ZoneArgs {
    /// The zone file (as `named-checkzone` reads it, or `dig axfr` prints it)
    #[arg(value_name = "FILE")]
    file: PathBuf,
    /// The zone's name: the origin of relative names until a $ORIGIN line
    #[arg(long, value_name = "NAME")]
    origin: String,
    #[command(flatten)]
    output: Output,
}

/// An octoDNS zone file (YAML) → records, checks, endpoints and pools.
///
/// Plain records, and `dynamic` records (pools with weighted values and
/// fallbacks, rules with geos) with their health-check settings, mapped as
/// octoDNS's Route 53 provider deploys them.
#[derive(Debug, clap::Args)]
pub struct OctodnsArgs {
    /// The zone's YAML (as octoDNS's YamlProvider or `octodns-dump` writes it)
    #[arg(value_name = "ZONE.yaml")]
    file: PathBuf,
    /// The zone's name [default: the file name without `.yaml`]
    #[arg(long, value_name = "NAME")]
    zone: Option<String>,
    #[command(flatten)]
    output: Output,
}

/// Route 53 record sets and health checks, as the AWS CLI prints them →
/// records, policies, pools, endpoints and checks.
///
/// RECORDS.json: `aws route53 list-resource-record-sets --hosted-zone-id
/// ID --output json`; CHECKS.json: `aws route53 list-health-checks
/// --output json` (each check may carry its `Tags`). Pages one after
/// another, or in a JSON array, are merged. Traffic Flow's record sets are
/// imported from their policies (`--traffic-policies` with
/// `--traffic-policy-instances`), else skipped.
#[derive(Debug, clap::Args)]
pub struct Route53Args {
    /// The output of `aws route53 list-resource-record-sets`
    #[arg(value_name = "RECORDS.json")]
    records: PathBuf,
    /// The output of `aws route53 list-health-checks`
    #[arg(long, value_name = "CHECKS.json")]
    health_checks: Option<PathBuf>,
    /// The output of `aws route53 list-cidr-collections`, then that of
    /// `aws route53 list-cidr-blocks --collection-id ID` for each
    /// collection with `"CollectionId": "ID"` added (docs/import.md)
    #[arg(long, value_name = "CIDR.json")]
    cidr_collections: Option<PathBuf>,
    /// The zone's name [default: the name of the listing's SOA record set]
    #[arg(long, value_name = "NAME")]
    zone: Option<String>,
    /// The hosted zone's id: aliases naming it point into the zone, and
    /// the zone block names it
    #[arg(long, value_name = "ID")]
    hosted_zone_id: Option<String>,
    /// Traffic Flow policies: the output of `aws route53 get-traffic-policy
    /// --id ID --version N`, one or more per file (docs/import.md)
    #[arg(
        long,
        value_name = "POLICY.json",
        num_args = 1..,
        requires = "traffic_policy_instances"
    )]
    traffic_policies: Vec<PathBuf>,
    /// The output of `aws route53
    /// list-traffic-policy-instances-by-hosted-zone`: the record each
    /// policy version makes
    #[arg(long, value_name = "INSTANCES.json", requires = "traffic_policies")]
    traffic_policy_instances: Option<PathBuf>,
    #[command(flatten)]
    output: Output,
}

/// Terraform files → records, policies, pools, endpoints and checks.
///
/// `aws_route53_record`, `aws_route53_health_check`, `aws_route53_zone`
/// and `aws_route53_cidr_*` resources, also those of modules with a local
/// `source`; locals with static values are followed. References to other
/// resources become inputs; what cannot be read without running Terraform
/// (`count`, `for_each`, `dynamic` blocks, functions, remote modules) is
/// reported with its place and skipped.
#[derive(Debug, clap::Args)]
pub struct TerraformArgs {
    /// `.tf` files, or directories whose `.tf` files are read
    #[arg(value_name = "DIR|FILE", required = true)]
    paths: Vec<PathBuf>,
    /// The zone to import, when the files hold several or name none
    #[arg(long, value_name = "NAME")]
    zone: Option<String>,
    #[command(flatten)]
    output: Output,
}

pub fn run(args: Args, style: Style) -> u8 {
    let mut sources = SourceMap::new();
    match args.source {
        Source::Zone(a) => {
            let result = read(&mut sources, &a.file).and_then(|file| {
                import::zone::import(&sources, file, &a.origin).map_err(Into::into)
            });
            finish(result, &sources, &a.output, style)
        }
        Source::Octodns(a) => {
            let zone = a
                .zone
                .clone()
                .unwrap_or_else(|| import::octodns::zone_of(&a.file));
            let result = read(&mut sources, &a.file).and_then(|file| {
                import::octodns::import(&sources, file, &zone).map_err(Into::into)
            });
            finish(result, &sources, &a.output, style)
        }
        Source::Route53(a) => {
            let result = read(&mut sources, &a.records).and_then(|records| {
                let checks = match &a.health_checks {
                    Some(path) => Some(read(&mut sources, path)?),
                    None => None,
                };
                let cidr = match &a.cidr_collections {
                    Some(path) => Some(read(&mut sources, path)?),
                    None => None,
                };
                let mut policies = Vec::new();
                for path in &a.traffic_policies {
                    policies.push(read(&mut sources, path)?);
                }
                let instances = match &a.traffic_policy_instances {
                    Some(path) => Some(read(&mut sources, path)?),
                    None => None,
                };
                let mut flat = import::route53::read(&sources, records, checks)?;
                if let Some(file) = cidr {
                    import::route53::read_collections(&mut flat, &sources, file)?;
                }
                if let Some(file) = instances {
                    import::traffic::read(&mut flat, &sources, &policies, file)?;
                }
                flat.zone_id = a.hosted_zone_id.as_ref().map(|z| {
                    import::flat::Val::Lit(z.trim_start_matches("/hostedzone/").to_string())
                });
                flat.hosted_zone_id = flat.zone_id.clone();
                Ok(import::raise::raise(
                    &flat,
                    a.zone.as_deref(),
                    "the record sets",
                )?)
            });
            finish(result, &sources, &a.output, style)
        }
        Source::Terraform(a) => {
            let result = terraform_files(&a.paths).and_then(|files| {
                let mut ids = Vec::new();
                for f in &files {
                    ids.push(read(&mut sources, f)?);
                }
                let flat = import::terraform::read(
                    &mut sources,
                    &ids,
                    a.zone.as_deref(),
                    &mut module_files,
                )?;
                Ok(import::raise::raise(
                    &flat,
                    a.zone.as_deref(),
                    "the Terraform files",
                )?)
            });
            finish(result, &sources, &a.output, style)
        }
    }
}

/// The `.tf` files named, and those of the directories named (sorted).
fn terraform_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>, Failed> {
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            let entries = std::fs::read_dir(path).map_err(|e| Failed::Read(path.clone(), e))?;
            let mut tf: Vec<PathBuf> = entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "tf"))
                .collect();
            tf.sort();
            if tf.is_empty() {
                let e = std::io::Error::new(std::io::ErrorKind::NotFound, "no .tf files in it");
                return Err(Failed::Read(path.clone(), e));
            }
            files.extend(tf);
        } else {
            files.push(path.clone());
        }
    }
    Ok(files)
}

/// The `.tf` files of a module's directory (sorted), for `import
/// terraform` following a local `module` block.
fn module_files(dir: &Path) -> std::io::Result<Vec<(String, Vec<u8>)>> {
    let mut tf: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "tf"))
        .collect();
    tf.sort();
    tf.into_iter()
        .map(|p| Ok((p.display().to_string(), std::fs::read(&p)?)))
        .collect()
}

/// Why an import produced nothing.
pub enum Failed {
    /// The input file cannot be read: exit 2.
    Read(PathBuf, std::io::Error),
    /// The input is not what the source reads: exit 1.
    Invalid(ImportError),
}

impl From<ImportError> for Failed {
    fn from(e: ImportError) -> Self {
        Failed::Invalid(e)
    }
}

/// Reads an input file into `sources` (as UTF-8; anything else is
/// `import-malformed`).
pub fn read(sources: &mut SourceMap, path: &Path) -> Result<FileId, Failed> {
    let bytes = std::fs::read(path).map_err(|e| Failed::Read(path.to_path_buf(), e))?;
    Ok(import::add_source(
        sources,
        &path.display().to_string(),
        &bytes,
    )?)
}

/// Reports the outcome: the diagnostics of an input that cannot be read,
/// or the summary on standard error and the file written whole.
pub fn finish(
    result: Result<Imported, Failed>,
    sources: &SourceMap,
    output: &Output,
    style: Style,
) -> u8 {
    let imported = match result {
        Ok(imported) => imported,
        Err(Failed::Read(path, e)) => {
            eprintln!("error: cannot read {}: {e}", path.display());
            return EXIT_USAGE;
        }
        Err(Failed::Invalid(e)) => {
            let _ = std::io::stderr().write_all(e.render(sources, style).as_bytes());
            return EXIT_INVALID;
        }
    };
    if output.output == Path::new("-") {
        if let Err(e) = std::io::stdout().write_all(imported.text.as_bytes()) {
            eprintln!("error: cannot write to standard output: {e}");
            return EXIT_USAGE;
        }
    } else if let Err(e) = super::fmt::write_atomically(&output.output, &imported.text) {
        eprintln!("error: cannot write {}: {e}", output.output.display());
        return EXIT_USAGE;
    }
    eprint!("{}", imported.summary.render());
    EXIT_OK
}
