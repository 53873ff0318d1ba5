" Vim filetype plugin: steer (*.steer)
if exists('b:did_ftplugin')
  finish
endif
let b:did_ftplugin = 1

setlocal comments=:# commentstring=#\ %s
" steer fmt's layout: two spaces a level.
setlocal expandtab shiftwidth=2 softtabstop=2 tabstop=8
" `#` comments wrap; `gq` keeps the leader.
setlocal formatoptions-=t formatoptions+=croql

" :make runs `steer check` on this file (compiler/steer.vim).
compiler steer

let b:undo_ftplugin = 'setlocal comments< commentstring< expandtab< shiftwidth<'
      \ . ' softtabstop< tabstop< formatoptions< makeprg< errorformat<'
      \ . ' | unlet! b:current_compiler'
