" Headless tests of the Vim plugin (make editors-test):
"   vim -Nu NONE -i NONE -n -Es -S editors/vim/test/run.vim
" with `jny` on PATH. Highlight groups at chosen places of editors/test/sample.jny, the
" filetype settings, indentation, `gq`/:JnyFmt through `jny fmt -`, and the quickfix list of a
" real `:make` (`jny check`) on editors/test/errors.jny. Prints `ok - …` / `not ok - …` lines and
" `N passed, N failed` last; exits 1 when a check failed.
let s:vim = fnamemodify(expand('<sfile>:p'), ':h:h')
let s:root = fnamemodify(s:vim, ':h:h')
let &runtimepath = s:vim . ',' . $VIMRUNTIME
filetype plugin indent on
syntax on
let s:pass = 0
let s:fail = 0
let s:out = []

function! s:Check(name, got, want) abort
  if a:got ==# a:want
    let s:pass += 1
    call add(s:out, 'ok - ' . a:name)
  else
    let s:fail += 1
    call add(s:out, printf('not ok - %s: got %s want %s', a:name, string(a:got), string(a:want)))
  endif
endfunction

" The syntax group at the first match of pat on line lnum (nth match when given).
function! s:Group(lnum, pat, ...) abort
  let l:col = match(getline(a:lnum), a:pat, 0, a:0 ? a:1 : 1) + 1
  if l:col == 0
    return 'no match of ' . a:pat
  endif
  return synIDattr(synID(a:lnum, l:col, 1), 'name')
endfunction

function! s:CheckAt(lnum, pat, want) abort
  call s:Check(printf('line %d %s is %s', a:lnum, a:pat, a:want), s:Group(a:lnum, a:pat), a:want)
endfunction

execute 'cd ' . fnameescape(s:root . '/editors/test')
edit sample.jny
call s:Check('filetype detected', &filetype, 'jny')
call s:Check('syntax loaded', b:current_syntax, 'jny')
call s:CheckAt(1, '//', 'jnyComment')
call s:CheckAt(1, 'TODO', 'jnyTodo')
call s:CheckAt(2, 'journey', 'jnyDecl')
call s:Check('declarations link to Statement', synIDattr(synIDtrans(synID(2, 1, 1)), 'name'), 'Statement')
call s:CheckAt(2, 'Sample', 'jnyString')
call s:CheckAt(2, '\\"', 'jnyEscape')
call s:CheckAt(3, 'description', 'jnyAttr')
call s:CheckAt(3, '"""', 'jnyString')
call s:CheckAt(4, 'Two', 'jnyString')
call s:CheckAt(6, 'current', 'jnyValue')
call s:CheckAt(9, 'use', 'jnyDecl')
call s:CheckAt(9, 'std', 'jnyDeclId')
call s:CheckAt(11, 'stage', 'jnyDecl')
call s:CheckAt(11, 'buy', 'jnyDeclId')
call s:CheckAt(13, 'cart', 'jnyDeclId')
call s:CheckAt(13, '{', 'jnyBrace')
call s:CheckAt(14, 'stage', 'jnyAttr')
call s:CheckAt(16, '-', 'jnyOperator')
call s:CheckAt(16, '2', 'jnyNumber')
call s:CheckAt(17, '->', 'jnyArrow')
call s:CheckAt(17, 'rate', 'jnyAttr')
call s:CheckAt(17, '55%', 'jnyPercent')
call s:CheckAt(18, 'meta', 'jnyClause')
call s:CheckAt(18, '2027', 'jnyDate')
call s:CheckAt(20, 'comment', 'jnyComment')
call s:CheckAt(23, 'success', 'jnyValue')
call s:CheckAt(26, 'measure', 'jnyClause')
call s:CheckAt(26, '/', 'jnyOperator')
call s:CheckAt(27, '>=', 'jnyOperator')
call s:CheckAt(27, '45%', 'jnyPercent')
call s:CheckAt(28, '90s', 'jnyDuration')
call s:CheckAt(32, 'for', 'jnyKeyword')
call s:CheckAt(32, 'touchpoints', 'jnyCollection')
call s:CheckAt(32, 'and', 'jnyKeyword')
call s:CheckAt(32, 'false', 'jnyBoolean')
call s:CheckAt(33, 'any', 'jnyKeyword')
call s:CheckAt(34, 'message', 'jnyAttr')
call s:CheckAt(34, '{t', 'jnyInterp')
call s:CheckAt(34, '\\n', 'jnyEscape')

" built-in functions where called (in a block or not); a field of the same name, a plain name
" and another call are not
call s:CheckAt(26, 'reach', 'jnyFunction')
call s:Check('functions link to Function',
      \ matchstr(execute('hi jnyFunction'), 'links to \zs\w\+'), 'Function')
new
setfiletype jny
call setline(1, ['let r = reach(cart) + count (touchpoints) + foo(1)', 'check c "C" {',
      \ '  for t in touchpoints where t.reach > 0 and len(t.paths) > t.reach(1)', '}',
      \ 'let reach_n = reach'])
call s:CheckAt(1, 'reach', 'jnyFunction')
call s:CheckAt(1, 'count', 'jnyFunction')
call s:CheckAt(1, 'foo', '')
call s:CheckAt(3, 'len', 'jnyFunction')
call s:CheckAt(3, '\.\zsreach', '')
call s:CheckAt(3, '\.\zspaths', '')
call s:CheckAt(3, '\.\zsreach(', '')
call s:CheckAt(5, 'reach_n', 'jnyDeclId')
call s:CheckAt(5, '= \zsreach', '')
bwipeout!

" ftplugin and compiler settings
call s:Check('commentstring', &l:commentstring, '// %s')
call s:Check('comments', &l:comments, 's1:/*,mb:*,ex:*/,://')
call s:Check('shiftwidth', &l:shiftwidth, 2)
call s:Check('expandtab', &l:expandtab, 1)
call s:Check('formatprg', &l:formatprg, 'jny fmt -')
call s:Check('formatexpr', &l:formatexpr, 'jny#FormatExpr()')
call s:Check('makeprg', &l:makeprg, 'jny check --color never %:S')
call s:Check('JnyFmt command', exists(':JnyFmt'), 2)

" indentation: the sample with its indentation removed (but in the """ block) comes back
let s:want = getline(1, '$')
for s:l in range(1, line('$'))
  if synIDattr(synID(s:l, 1, 1), 'name') !=# 'jnyString' || getline(s:l) =~# '^\s*\a'
    call setline(s:l, substitute(getline(s:l), '^\s*', '', ''))
  endif
endfor
for s:l in [4, 5, 20]
  call setline(s:l, s:want[s:l - 1])
endfor
normal! gg=G
call s:Check('indent restores the sample', getline(1, '$'), s:want)
call setline(1, ['query q "Q" {', 'select a,', 'b', '}'])
silent 5,$delete _
normal! gg=G
call s:Check('indent inside a block', getline(1, '$'), ['query q "Q" {', '  select a,', '  b', '}'])
bwipeout!

" formatting through jny fmt
execute 'edit ' . fnameescape(s:root . '/tests/fmt/messy.jny')
let s:messy_out = readfile(s:root . '/tests/fmt/messy.out')
normal! gggqG
call s:Check('gq formats with jny fmt -', getline(1, '$'), s:messy_out)
bwipeout!
execute 'edit ' . fnameescape(s:root . '/tests/fmt/messy.jny')
JnyFmt
call s:Check(':JnyFmt formats the buffer', getline(1, '$'), s:messy_out)
call s:Check(':JnyFmt leaves the file on disk alone', readfile(s:root . '/tests/fmt/messy.jny') ==# s:messy_out, 0)
bwipeout!
new
setfiletype jny
call setline(1, ['stage a "A"', 'team @ x'])
JnyFmt
call s:Check(':JnyFmt keeps a buffer with syntax errors', getline(1, '$'), ['stage a "A"', 'team @ x'])
call s:Check(':JnyFmt lists the syntax error', get(get(getqflist(), 0, {}), 'lnum', 0), 2)
call setline(1, ['stage a "A"', '', 'team t "T" {', 'owner   x', '}', 'team @ x'])
normal! 3GgqG
call s:Check('gq on a syntax error keeps the text', getline(1, '$'),
      \ ['stage a "A"', '', 'team t "T" {', 'owner   x', '}', 'team @ x'])
call s:Check('gq lists the error at its buffer line', get(get(getqflist(), 0, {}), 'lnum', 0), 6)
normal! 3Ggq2j
call s:Check('gq formats the lines of the motion', getline(1, '$'),
      \ ['stage a "A"', '', 'team t "T" {', '  owner x', '}', 'team @ x'])
bwipeout!

" :make runs jny check; the quickfix list gets its diagnostics
edit errors.jny
let &shellpipe = ">%s 2>&1"
silent make
let s:qf = getqflist()
call s:Check('quickfix entries (3 errors, 1 note)', len(s:qf), 4)
if len(s:qf) == 4
  call s:Check('qf[0] file', bufname(s:qf[0].bufnr), 'errors.jny')
  call s:Check('qf[0] place and type', [s:qf[0].lnum, s:qf[0].col, s:qf[0].type], [5, 9, 'e'])
  call s:Check('qf[0] text', s:qf[0].text, "unknown stage 'purchse'")
  call s:Check('qf[1] place and type', [s:qf[1].lnum, s:qf[1].col, s:qf[1].type], [6, 11, 'e'])
  call s:Check('qf[2] place and text', [s:qf[2].lnum, s:qf[2].col, s:qf[2].text],
        \ [9, 7, "duplicate id 'buy': already declared as a stage"])
  call s:Check('qf[3] note', [s:qf[3].lnum, s:qf[3].col, s:qf[3].type, s:qf[3].text],
        \ [2, 7, 'n', 'first declared here'])
endif
" warnings and codeless lines, as jny prints them
let &g:errorformat = &l:errorformat
cgetexpr ['x.jny:3:1: warning[E0603]: journey too large', 'y.jny:4:2: error: no code',
      \ '   4 | team @', '     |      ^', '     = help: something']
let s:qf = getqflist()
call s:Check('warning and codeless error', map(copy(s:qf), '[v:val.lnum, v:val.col, v:val.type, v:val.valid]'),
      \ [[3, 1, 'w', 1], [4, 2, 'e', 1]])

call add(s:out, printf('%d passed, %d failed', s:pass, s:fail))
enew!
call setline(1, s:out)
%print
if s:fail
  cquit 1
endif
qall!
