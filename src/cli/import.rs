//! `steer import SOURCE`: a configuration teams already have, as steer
//! (docs/import.md). The source's text is read here; what it means is
//! `crate::import`'s. Exit 0 imported, 1 invalid input, 2 usage or I/O
//! error; nothing is written unless the whole import succeeds.

use super::{EXIT_INVALID, EXIT_OK, EXIT_USAGE};
use crate::import::raise::Raised;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Turn an existing configuration into a steer configuration.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    source: Source,
}

#[derive(Debug, clap::Subcommand)]
enum Source {
    Route53(Route53Args),
    Terraform(TerraformArgs),
}

/// Terraform files: `aws_route53_record`, `aws_route53_health_check`,
/// `aws_route53_zone` and `aws_route53_cidr_*` resources.
///
/// References to other resources become steer `input`s; what cannot be
/// read without running Terraform (`count`, `for_each`, `dynamic` blocks,
/// functions) is reported with its file:line:col and skipped. See
/// docs/import.md.
#[derive(Debug, clap::Args)]
pub struct TerraformArgs {
    /// `.tf` files, or directories whose `.tf` files are read
    #[arg(value_name = "DIR|FILE", required = true)]
    paths: Vec<PathBuf>,
    /// The zone to import, when the files hold several or name none
    #[arg(long, value_name = "NAME")]
    zone: Option<String>,
    /// Where to write the configuration (`-`: standard output)
    #[arg(short, long, value_name = "FILE", default_value = "-")]
    output: PathBuf,
}

/// Route 53 record sets and health checks, as the AWS CLI prints them.
///
/// RECORDS.json: `aws route53 list-resource-record-sets --hosted-zone-id ID
/// --output json`; CHECKS.json: `aws route53 list-health-checks --output
/// json`. See docs/import.md.
#[derive(Debug, clap::Args)]
pub struct Route53Args {
    /// The output of `aws route53 list-resource-record-sets`
    #[arg(value_name = "RECORDS.json")]
    records: PathBuf,
    /// The output of `aws route53 list-health-checks`
    #[arg(long, value_name = "CHECKS.json")]
    health_checks: Option<PathBuf>,
    /// The zone's name [default: the name of the listing's SOA record set]
    #[arg(long, value_name = "NAME")]
    zone: Option<String>,
    /// The hosted zone's id: aliases with it point into the zone
    #[arg(long, value_name = "ID")]
    hosted_zone_id: Option<String>,
    /// Where to write the configuration (`-`: standard output)
    #[arg(short, long, value_name = "FILE", default_value = "-")]
    output: PathBuf,
}

pub fn run(args: Args) -> u8 {
    match args.source {
        Source::Route53(a) => route53(a),
        Source::Terraform(a) => terraform(a),
    }
}

fn terraform(args: TerraformArgs) -> u8 {
    let mut files = Vec::new();
    for path in &args.paths {
        if path.is_dir() {
            let entries = match std::fs::read_dir(path) {
                Ok(e) => e,
                Err(e) => {
                    eprintln!("error: cannot read {}: {e}", path.display());
                    return EXIT_USAGE;
                }
            };
            let mut tf: Vec<PathBuf> = entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "tf"))
                .collect();
            tf.sort();
            files.extend(tf);
        } else {
            files.push(path.clone());
        }
    }
    if files.is_empty() {
        eprintln!("error: no .tf files in {}", args.paths[0].display());
        return EXIT_USAGE;
    }
    let mut texts = Vec::new();
    for f in &files {
        match read(f) {
            Ok(t) => texts.push((f.display().to_string(), t)),
            Err(code) => return code,
        }
    }
    let sources: Vec<crate::import::terraform::Source> = texts
        .iter()
        .map(|(name, text)| crate::import::terraform::Source { name, text })
        .collect();
    let flat = match crate::import::terraform::read(&sources, args.zone.as_deref()) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("error: {e}");
            return EXIT_INVALID;
        }
    };
    match crate::import::raise::raise(&flat, args.zone.as_deref()) {
        Ok(raised) => write_out(&raised, &args.output),
        Err(e) => {
            eprintln!("error: {e}");
            EXIT_INVALID
        }
    }
}

fn read(path: &Path) -> Result<String, u8> {
    std::fs::read_to_string(path).map_err(|e| {
        eprintln!("error: cannot read {}: {e}", path.display());
        EXIT_USAGE
    })
}

fn route53(args: Route53Args) -> u8 {
    let records = match read(&args.records) {
        Ok(t) => t,
        Err(code) => return code,
    };
    let checks = match args.health_checks.as_deref().map(read).transpose() {
        Ok(t) => t,
        Err(code) => return code,
    };
    let records_name = args.records.display().to_string();
    let checks_name = args.health_checks.as_ref().map(|p| p.display().to_string());
    let checks_input = checks_name.as_deref().zip(checks.as_deref());
    let mut flat = match crate::import::route53::read(&records_name, &records, checks_input) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("error: {e}");
            return EXIT_INVALID;
        }
    };
    flat.zone_id = args
        .hosted_zone_id
        .map(|z| crate::import::flat::Val::Lit(z.trim_start_matches("/hostedzone/").to_string()));
    flat.hosted_zone_id = flat.zone_id.clone();
    match crate::import::raise::raise(&flat, args.zone.as_deref()) {
        Ok(raised) => write_out(&raised, &args.output),
        Err(e) => {
            eprintln!("error: {e}");
            EXIT_INVALID
        }
    }
}

/// Writes the configuration (all or nothing) and prints the summary on
/// standard error.
fn write_out(raised: &Raised, output: &Path) -> u8 {
    if output == Path::new("-") {
        let _ = std::io::stdout().write_all(raised.text.as_bytes());
    } else {
        let tmp = output.with_extension("steer.tmp");
        if let Err(e) =
            std::fs::write(&tmp, &raised.text).and_then(|_| std::fs::rename(&tmp, output))
        {
            eprintln!("error: cannot write {}: {e}", output.display());
            let _ = std::fs::remove_file(&tmp);
            return EXIT_USAGE;
        }
    }
    let mut err = std::io::stderr().lock();
    let counts: Vec<String> = raised
        .imported
        .iter()
        .map(|(what, n)| format!("{n} {what}"))
        .collect();
    let _ = writeln!(err, "imported zone {}: {}", raised.zone, counts.join(", "));
    for d in &raised.decisions {
        let _ = writeln!(err, "decided: {d}");
    }
    if !raised.skipped.is_empty() {
        let _ = writeln!(err, "skipped {}:", raised.skipped.len());
        for s in &raised.skipped {
            let _ = writeln!(err, "  {}: {}", s.location, s.reason);
        }
    }
    EXIT_OK
}
