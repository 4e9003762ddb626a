" Vim compiler file for jny: `:make` runs `jny check` on the current file and reads its
" diagnostics (`file:line:col: error[E0203]: message`, the code optional) into the quickfix
" list; the excerpt, caret, note and help lines that follow are skipped.
if exists('current_compiler')
  finish
endif
let current_compiler = 'jny'
if exists(':CompilerSet') != 2
  command -nargs=* CompilerSet setlocal <args>
endif
let s:cpo_save = &cpo
set cpo&vim

CompilerSet makeprg=jny\ check\ --color\ never\ %:S
CompilerSet errorformat=
      \%f:%l:%c:\ %trror[%*[A-Z0-9]]:\ %m,
      \%f:%l:%c:\ %tarning[%*[A-Z0-9]]:\ %m,
      \%f:%l:%c:\ %tnfo[%*[A-Z0-9]]:\ %m,
      \%f:%l:%c:\ %trror:\ %m,
      \%f:%l:%c:\ %tarning:\ %m,
      \%f:%l:%c:\ %tote:\ %m,
      \%-G%.%#

let &cpo = s:cpo_save
unlet s:cpo_save
