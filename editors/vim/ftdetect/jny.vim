" Vim filetype detection for jny journey files.
autocmd BufRead,BufNewFile *.jny setfiletype jny
