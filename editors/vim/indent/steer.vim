" Vim indent file: steer (*.steer). One level inside each `{ }`, `[ ]` and `( )`.
if exists('b:did_indent')
  finish
endif
let b:did_indent = 1

setlocal autoindent nolisp nosmartindent nocindent
setlocal indentexpr=SteerIndent(v:lnum)
setlocal indentkeys=0},0],0),!^F,o,O
let b:undo_indent = 'setlocal autoindent< lisp< smartindent< cindent< indentexpr< indentkeys<'

if exists('*SteerIndent')
  finish
endif

" A line without its strings and its comment, so that a `{` in either does
" not count.
function! s:Code(lnum) abort
  let line = substitute(getline(a:lnum), '"\%(\\.\|[^"\\]\)*"', '""', 'g')
  return substitute(line, '#.*$', '', '')
endfunction

function! SteerIndent(lnum) abort
  let prev = prevnonblank(a:lnum - 1)
  if prev == 0
    return 0
  endif
  let code = s:Code(prev)
  " Brackets the previous line opened and did not close.
  let opened = len(substitute(code, '[^{[(]', '', 'g'))
        \ - len(substitute(code, '[^}\])]', '', 'g'))
  " A line that starts by closing was already dedented; do not count it twice.
  let leading = len(matchstr(code, '^\s*[}\])]\+'))
        \ - len(matchstr(code, '^\s*'))
  let ind = indent(prev) + shiftwidth() * (opened > 0 ? 1 : 0)
  if opened < 0 && leading == 0
    let ind -= shiftwidth()
  endif
  " This line closes a level.
  if getline(a:lnum) =~# '^\s*[}\])]'
    let ind -= shiftwidth()
  endif
  return ind < 0 ? 0 : ind
endfunction
