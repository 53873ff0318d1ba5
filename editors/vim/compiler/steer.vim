" Vim compiler file: `steer check` on the current file.
" :make runs `steer check FILE`; its diagnostics fill the quickfix list.
if exists('current_compiler')
  finish
endif
let current_compiler = 'steer'

if exists(':CompilerSet') != 2
  command -nargs=* CompilerSet setlocal <args>
endif

" Colour off: the quickfix list wants plain text.
CompilerSet makeprg=steer\ check\ --color\ never\ %:S

" steer's human diagnostics (stderr), with box drawing or, under TERM=dumb,
" ASCII:
"
"   steer::unknown-reference              (the code: skipped)
"
"     × unknown region `nowhere`          ("x" in ASCII; a warning has ⚠ / !)
"     │ the message's wrapped lines       ("|" in ASCII)
"      ╭─[dir/bad.steer:3:21]             (",-[" in ASCII)
"    3 │ endpoint x { region nowhere ... }  (the source excerpt: skipped)
"
" An entry starts at the message, gathers its continuation lines and ends at
" the location line; everything else (the excerpt, help lines, the count of
" errors) is dropped. A diagnostic without a location (an unreadable file)
" prints `error: steer::CODE: message` on one line.
CompilerSet errorformat=
      \%E\ \ ×\ %m,
      \%E\ \ x\ %m,
      \%W\ \ ⚠\ %m,
      \%W\ \ !\ %m,
      \%C\ \ │\ %m,
      \%C\ \ \|\ %m,
      \%Z%\\s%#╭─[%f:%l:%c],
      \%Z%\\s%#\\,-[%f:%l:%c],
      \%trror:\ %m,
      \%-G%.%#
