" steer routing files (https://github.com/... steer's editors/vim)
autocmd BufRead,BufNewFile *.steer setfiletype steer
