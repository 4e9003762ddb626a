" Vim filetype plugin for jny journey files: comments, indentation settings, `gq` through
" `jny fmt -`, and `:make` through `jny check` (compiler/jny.vim).
if exists('b:did_ftplugin')
  finish
endif
let b:did_ftplugin = 1

setlocal commentstring=//\ %s
setlocal comments=s1:/*,mb:*,ex:*/,://
setlocal formatoptions-=t formatoptions+=croql
setlocal expandtab shiftwidth=2 softtabstop=2
" gq formats through `jny fmt -`: 'formatexpr' (autoload/jny.vim) runs it and keeps the text
" when it has syntax errors; 'formatprg' is the same filter for tools that read it.
" :JnyFmt formats the whole buffer.
setlocal formatprg=jny\ fmt\ -
setlocal formatexpr=jny#FormatExpr()
compiler jny
command! -buffer -bar JnyFmt call jny#Format(1, line('$'))

let b:undo_ftplugin = 'setlocal commentstring< comments< formatoptions< expandtab< shiftwidth<'
      \ . ' softtabstop< formatprg< formatexpr< makeprg< errorformat< | delcommand JnyFmt'
