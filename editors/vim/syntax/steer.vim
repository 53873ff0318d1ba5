" Vim syntax file
" Language: steer (DNS traffic routing, *.steer)
" The keyword lists follow grammar/steer.pest; tests/vim.rs checks a group at
" one position of every token class of tests/vim/sample.steer.

if exists('b:current_syntax')
  finish
endif

let s:cpo_save = &cpo
set cpo&vim

" Names may contain `_` and `-` (`eu-west-1`, `ireland_up`).
syntax iskeyword @,48-57,_,-

" Numbers, then the tokens that also start with a digit: defined later, they
" win where they start at the same place.
syntax match steerNumber /\%([[:alnum:]_.:-]\)\@<!-\?\d\+\%(\.\d\+\)\?\%([[:alnum:]_.:/]\)\@!/
" 60s, 5m, 1h, 2d, 1w
syntax match steerDuration /\%([[:alnum:]_.:-]\)\@<!\d\+[smhdw]\%([[:alnum:]_.:/-]\)\@!/
" 203.0.113.10, 2001:db8::1, ::ffff:10.0.0.1
syntax match steerAddress /\%([[:alnum:]_.:-]\)\@<!\d\{1,3}\%(\.\d\{1,3}\)\{3}\%([[:alnum:]_.:/-]\)\@!/
syntax match steerAddress /\%([[:alnum:]_.:-]\)\@<!\x*::\?\x*:[[:xdigit:]:.]*\%([[:alnum:]_.:/-]\)\@!/
" 10.0.0.0/8, 2001:db8::/32
syntax match steerCidr /\%([[:alnum:]_.:-]\)\@<![[:xdigit:]:.]*[.:][[:xdigit:]:.]*\/\d\+\%([[:alnum:]_-]\)\@!/

" Items.
syntax keyword steerItem zone region check endpoint record pool cidr_collection
" `input` the item, but not the `input` of `input.NAME`.
syntax match steerItem /\<input\>\.\@!/
" input.NAME: a value of the surrounding stack.
syntax match steerInputRef /\<input\.[[:alpha:]_][[:alnum:]_-]*/

" Routing policies, their members' roles, and the suffixes after a member.
syntax keyword steerPolicy failover latency geolocation weighted multivalue geoproximity cidr
syntax keyword steerRole primary secondary default continent country subdivision
syntax keyword steerSuffix stay id alone bias

" Settings of zones, regions, checks, endpoints and inputs.
syntax keyword steerSetting ttl nameservers hosted_zone_id create private vpc tags name
syntax keyword steerSetting soa email serial refresh retry expire minimum aws at
syntax keyword steerSetting port path host every unhealthy_after expect from
syntax keyword steerSetting measure_latency sni inverted disabled alarm in
syntax keyword steerSetting insufficient_data recovery_control
syntax keyword steerSetting a aaaa cname alias evaluate_target_health
syntax keyword steerSetting description terraform cloudformation import ip
" How a check probes.
syntax keyword steerProbe http https tcp
" What an AWS alias points at.
syntax keyword steerAliasKind elb nlb cloudfront s3_website api_gateway global_accelerator elastic_beanstalk
" Calculated checks: all(...), any(...), at_least(N, ...).
syntax match steerFunction /\<\%(all\|any\|at_least\)\>\ze\s*(/
" What `insufficient_data` does.
syntax keyword steerConstant healthy unhealthy last_known
syntax keyword steerBoolean true false
" Record types, after a record's name: `record www A = ...`, `alias record
" www A` (any type, so that `country MX` stays a location).
syntax match steerRecordType /\%(\<record\s\+\%("\%(\\.\|[^"\\]\)*"\|\S\+\)\s\+\)\@<=\a\w*\>/
" AWS region codes: eu-west-1, us-gov-west-1, ap-southeast-2.
syntax match steerAwsRegion /\<\l\l\%(-gov\|-iso\l\?\)\?-\l\+-\d\+\>/

syntax match steerOperator /=>\|=/

syntax region steerString start=/"/ skip=/\\\\\|\\"/ end=/"\|$/ oneline contains=steerEscape,steerBadEscape
" \" \\ \n \t \r \u{1F600}
syntax match steerEscape /\\\%(["\\ntr]\|u{\x\{1,6}}\)/ contained
syntax match steerBadEscape /\\\%(["\\ntr]\|u{\x\{1,6}}\)\@!./ contained

syntax keyword steerTodo TODO FIXME XXX NOTE contained
syntax match steerComment /#.*$/ contains=steerTodo,@Spell

syntax sync minlines=50

highlight default link steerComment Comment
highlight default link steerTodo Todo
highlight default link steerString String
highlight default link steerEscape SpecialChar
highlight default link steerBadEscape Error
highlight default link steerItem Keyword
highlight default link steerPolicy Structure
highlight default link steerRole Label
highlight default link steerSuffix StorageClass
highlight default link steerSetting Identifier
highlight default link steerProbe Type
highlight default link steerAliasKind Type
highlight default link steerFunction Function
highlight default link steerConstant Constant
highlight default link steerBoolean Boolean
highlight default link steerRecordType Type
highlight default link steerAwsRegion Special
highlight default link steerOperator Operator
highlight default link steerNumber Number
highlight default link steerDuration Number
highlight default link steerAddress Constant
highlight default link steerCidr Constant
highlight default link steerInputRef PreProc

let b:current_syntax = 'steer'

let &cpo = s:cpo_save
unlet s:cpo_save
