#!/usr/bin/env python3
"""Deploy one CloudFormation template on a local moto server and print what
Route 53 then holds, as JSON. Used by tests/cloudformation_deploy.rs; any test
can call it the same way (see `moto_deploy` in tests/common/moto.rs).

    python moto_cfn.py --endpoint http://127.0.0.1:PORT --stack NAME \
        --template FILE.template.json --zone ZONE [--values VALUES.json]

--zone        the zone's DNS name (`example.com`). Unless the template creates
              its zone (an AWS::Route53::HostedZone resource), the driver first
              creates a public hosted zone with that name in moto, as the
              zone that already exists in a real account, and
              - gives a parameter of type AWS::Route53::HostedZone::Id (the
                `HostedZoneId` parameter steer declares) that zone's id, and
              - replaces a literal `HostedZoneId` (steer's `hosted_zone_id
                "Z..."`) in record sets and in alias targets that name the
                same zone by the created zone's id, since moto invents ids;
                every replacement is listed under "substitutions".
--drop-type   TYPE (repeatable): deploy without every resource of this type
              and, transitively, every resource and output that names one
              (Ref, Fn::GetAtt, DependsOn); for a resource type moto cannot
              create. The dropped logical ids are listed under "dropped".
--exports     a JSON object of export names to values: before the stack, the
              driver creates a stack `<stack>-exports` that exports them, as
              the other stack of the same account whose outputs the template
              reads with Fn::ImportValue (steer's `cloudformation import`).
--values      a JSON object of parameter values. A key is a parameter's
              logical id (`AlbDnsName`), or a steer input name
              (`alb_dns_name`) whose CamelCase form, alone or after `Input`,
              is one; values are strings, or lists for List<> parameters.
              An unknown key, or a parameter with no value and no Default,
              is an error (exit 2).

Output (stdout, one JSON object):
    template       the template as sent to CloudFormation (after the zone id
                   substitutions and the drops), to compare the result with
    dropped        logical ids left out by --drop-type
    stack          {"name", "status", "reason", "failed_events": [...]}
    zone           {"id", "name", "private", "vpcs": [{"VPCId", "VPCRegion"}],
                    "tags": [{"Key", "Value"}]}
    parameters     the values passed to CloudFormation, by logical id
    exports        the values exported for Fn::ImportValue, by export name
    substitutions  ["HostedZoneId Z... -> /hostedzone/..." ...]
    resources      {logical id: {"type", "physical_id", "status"}} from the stack
    record_sets    every record set of the zone except its own apex SOA and NS,
                   as ListResourceRecordSets returns them
    health_checks  the stack's health checks (its AWS::Route53::HealthCheck
                   resources' physical ids), as
                   [{"Id", "HealthCheckConfig", "Tags": [{"Key", "Value"}]}]
Exit status: 0 when the driver ran (whatever the stack's status), 2 on bad
arguments or values, 1 on any other error.
"""

import argparse
import json
import os
import re
import sys
import time

import boto3

REGION = "us-east-1"


def client(endpoint, service):
    return boto3.client(
        service,
        endpoint_url=endpoint,
        region_name=REGION,
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )


def camel(name):
    return "".join(p[:1].upper() + p[1:] for p in re.split(r"[^A-Za-z0-9]+", name) if p)


def fail(message):
    print(f"moto_cfn: {message}", file=sys.stderr)
    sys.exit(2)


def parameter_values(template, values):
    """The template's parameters, by logical id, from the values file."""
    declared = template.get("Parameters", {})
    chosen = {}
    for key, value in values.items():
        matches = [
            logical
            for logical in declared
            if logical in (key, camel(key), "Input" + camel(key))
        ]
        if not matches:
            fail(f"value {key!r} names no parameter of the template ({', '.join(declared) or 'none'})")
        chosen[matches[0]] = value
    return chosen


def names(value):
    """The logical ids a piece of a template refers to."""
    if isinstance(value, dict):
        for k, v in value.items():
            if k == "Ref" and isinstance(v, str):
                yield v
            elif k == "Fn::GetAtt":
                yield v[0] if isinstance(v, list) else v.split(".")[0]
            else:
                yield from names(v)
    elif isinstance(value, list):
        for v in value:
            yield from names(v)


def drop(template, types):
    """Removes the resources of `types` and whatever refers to them."""
    resources = template.get("Resources", {})
    dropped = {k for k, r in resources.items() if r.get("Type") in types}
    changed = True
    while changed:
        changed = False
        for k, r in resources.items():
            if k in dropped:
                continue
            depends = r.get("DependsOn", [])
            refs = set(names(r)) | set([depends] if isinstance(depends, str) else depends)
            if refs & dropped:
                dropped.add(k)
                changed = True
    for k in dropped:
        del resources[k]
    for k in [k for k, o in template.get("Outputs", {}).items() if set(names(o)) & dropped]:
        del template["Outputs"][k]
    return sorted(dropped)


def paginate(call, key, **kwargs):
    out = []
    while True:
        page = call(**kwargs)
        out.extend(page[key])
        if not page.get("IsTruncated"):
            return out
        if "NextMarker" in page:
            kwargs["Marker"] = page["NextMarker"]
        else:
            kwargs["StartRecordName"] = page["NextRecordName"]
            kwargs["StartRecordType"] = page["NextRecordType"]
            if page.get("NextRecordIdentifier"):
                kwargs["StartRecordIdentifier"] = page["NextRecordIdentifier"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--endpoint", required=True)
    ap.add_argument("--stack", required=True)
    ap.add_argument("--template", required=True)
    ap.add_argument("--zone", required=True)
    ap.add_argument("--values")
    ap.add_argument("--exports")
    ap.add_argument("--drop-type", action="append", default=[])
    # Also write the zone's record sets and the stack's health checks as the
    # AWS CLI prints them (`aws route53 list-resource-record-sets`, `aws
    # route53 list-health-checks`, each check with its Tags) into this
    # directory: records.json and checks.json, for `steer import route53`.
    ap.add_argument("--listing")
    args = ap.parse_args()

    with open(args.template) as f:
        template = json.load(f)
    values = {}
    if args.values:
        with open(args.values) as f:
            values = json.load(f)
        if not isinstance(values, dict):
            fail(f"{args.values}: a JSON object of parameter values expected")

    dropped = drop(template, set(args.drop_type))
    r53 = client(args.endpoint, "route53")
    cfn = client(args.endpoint, "cloudformation")
    zone_name = args.zone.rstrip(".") + "."
    resources = template.get("Resources", {})
    creates_zone = any(r.get("Type") == "AWS::Route53::HostedZone" for r in resources.values())

    chosen = parameter_values(template, values)
    missing = [
        logical
        for logical, p in template.get("Parameters", {}).items()
        if logical not in chosen
        and "Default" not in p
        and not (p.get("Type") == "AWS::Route53::HostedZone::Id" and not creates_zone)
    ]
    if missing:
        fail(f"no value for parameter(s) {', '.join(missing)} (give them in --values)")
    substitutions = []
    existing_id = None
    if not creates_zone:
        created = r53.create_hosted_zone(Name=zone_name, CallerReference=f"{args.stack}-{time.time()}")
        existing_id = created["HostedZone"]["Id"].split("/")[-1]
        for logical, p in template.get("Parameters", {}).items():
            if p.get("Type") == "AWS::Route53::HostedZone::Id":
                # moto invents zone ids: a value given for the zone's id
                # (a steer input) names the zone created above instead.
                if logical in chosen:
                    substitutions.append(f"parameter {logical} {chosen[logical]} -> {existing_id}")
                chosen[logical] = existing_id
        literal = None
        for r in resources.values():
            props = r.get("Properties", {})
            if r.get("Type") == "AWS::Route53::RecordSet" and isinstance(props.get("HostedZoneId"), str):
                literal = props["HostedZoneId"]
                break
        if literal is not None:
            for r in resources.values():
                props = r.get("Properties", {})
                if props.get("HostedZoneId") == literal:
                    props["HostedZoneId"] = existing_id
                alias = props.get("AliasTarget") or {}
                if alias.get("HostedZoneId") == literal:
                    alias["HostedZoneId"] = existing_id
            substitutions.append(f"HostedZoneId {literal} -> {existing_id}")

    def as_param(value):
        return ",".join(map(str, value)) if isinstance(value, list) else str(value)

    exports = {}
    if args.exports:
        with open(args.exports) as f:
            exports = json.load(f)
        if not isinstance(exports, dict) or not exports:
            fail(f"{args.exports}: a non-empty JSON object of export names to values expected")
        exporter = {
            # A stack needs one resource; this one creates nothing.
            "Resources": {"Exporter": {"Type": "AWS::CloudFormation::WaitConditionHandle"}},
            "Outputs": {
                f"Export{i}": {"Value": str(value), "Export": {"Name": name}}
                for i, (name, value) in enumerate(sorted(exports.items()))
            },
        }
        cfn.create_stack(StackName=f"{args.stack}-exports", TemplateBody=json.dumps(exporter))
        deadline = time.time() + 60
        while True:
            status = cfn.describe_stacks(StackName=f"{args.stack}-exports")["Stacks"][0]["StackStatus"]
            if not status.endswith("IN_PROGRESS") or time.time() > deadline:
                break
            time.sleep(0.2)
        if status != "CREATE_COMPLETE":
            raise SystemExit(f"moto_cfn: the exports stack ended {status}")

    cfn.create_stack(
        StackName=args.stack,
        TemplateBody=json.dumps(template),
        Parameters=[{"ParameterKey": k, "ParameterValue": as_param(v)} for k, v in chosen.items()],
    )
    deadline = time.time() + 60
    while True:
        stack = cfn.describe_stacks(StackName=args.stack)["Stacks"][0]
        if not stack["StackStatus"].endswith("IN_PROGRESS") or time.time() > deadline:
            break
        time.sleep(0.2)
    events = cfn.describe_stack_events(StackName=args.stack)["StackEvents"]
    failed_events = [
        {k: e.get(k) for k in ("LogicalResourceId", "ResourceType", "ResourceStatus", "ResourceStatusReason")}
        for e in events
        if e.get("ResourceStatus", "").endswith("FAILED")
    ]
    stack_resources = {
        r["LogicalResourceId"]: {
            "type": r["ResourceType"],
            "physical_id": r.get("PhysicalResourceId"),
            "status": r.get("ResourceStatus"),
        }
        for r in cfn.describe_stack_resources(StackName=args.stack)["StackResources"]
    }

    if creates_zone:
        zones = [z for z in paginate(r53.list_hosted_zones, "HostedZones") if z["Name"] == zone_name]
        zone_id = zones[-1]["Id"].split("/")[-1] if zones else None
    else:
        zone_id = existing_id
    zone = {"id": zone_id, "name": zone_name, "private": None, "vpcs": [], "tags": []}
    record_sets = []
    if zone_id:
        got = r53.get_hosted_zone(Id=zone_id)
        zone["private"] = got["HostedZone"].get("Config", {}).get("PrivateZone", False)
        zone["vpcs"] = got.get("VPCs", [])
        tags = r53.list_tags_for_resource(ResourceType="hostedzone", ResourceId=zone_id)
        zone["tags"] = tags["ResourceTagSet"].get("Tags", [])
        record_sets = [
            s
            for s in paginate(r53.list_resource_record_sets, "ResourceRecordSets", HostedZoneId=zone_id)
            if not (s["Name"] == zone_name and s["Type"] in ("SOA", "NS") and "SetIdentifier" not in s)
        ]
    health_checks = []
    ours = {r["physical_id"] for r in stack_resources.values() if r["type"] == "AWS::Route53::HealthCheck"}
    for hc in paginate(r53.list_health_checks, "HealthChecks"):
        if hc["Id"] not in ours:
            continue
        tags = r53.list_tags_for_resource(ResourceType="healthcheck", ResourceId=hc["Id"])
        health_checks.append(
            {
                "Id": hc["Id"],
                "HealthCheckConfig": hc["HealthCheckConfig"],
                "Tags": tags["ResourceTagSet"].get("Tags", []),
            }
        )

    if args.listing:
        everything = []
        if zone_id:
            everything = paginate(r53.list_resource_record_sets, "ResourceRecordSets", HostedZoneId=zone_id)
        with open(os.path.join(args.listing, "records.json"), "w") as f:
            json.dump({"ResourceRecordSets": everything, "IsTruncated": False, "MaxItems": "300"}, f, indent=1, default=str)
        with open(os.path.join(args.listing, "checks.json"), "w") as f:
            json.dump({"HealthChecks": health_checks, "IsTruncated": False, "MaxItems": "100", "Marker": ""}, f, indent=1, default=str)

    json.dump(
        {
            "stack": {
                "name": args.stack,
                "status": stack["StackStatus"],
                "reason": stack.get("StackStatusReason"),
                "failed_events": failed_events,
            },
            "template": template,
            "dropped": dropped,
            "zone": zone,
            "parameters": chosen,
            "exports": exports,
            "substitutions": substitutions,
            "resources": stack_resources,
            "record_sets": record_sets,
            "health_checks": health_checks,
        },
        sys.stdout,
        indent=1,
        sort_keys=True,
        default=str,
    )
    print()


if __name__ == "__main__":
    main()
