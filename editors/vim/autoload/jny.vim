" Formatting for jny buffers through `jny fmt -` (ftplugin/jny.vim uses these).
" Unlike a plain 'formatprg' filter, a failed run never replaces the text with the error
" message: the lines stay as they are and the syntax errors go to the quickfix list.

" Formats lines first..last; returns 1 when they were formatted (or already were).
function! jny#Format(first, last) abort
  let l:view = winsaveview()
  let l:lines = getline(a:first, a:last)
  let l:out = systemlist('jny fmt -', l:lines)
  if v:shell_error != 0
    call s:ListErrors(l:out, a:first - 1)
    call winrestview(l:view)
    echohl ErrorMsg | echomsg 'jny fmt: syntax errors, nothing changed (:copen)' | echohl None
    return 0
  endif
  if l:out !=# l:lines
    " Replace only the lines formatted: set the common part, then add or delete the rest.
    let l:n = min([len(l:out), len(l:lines)])
    if l:n > 0
      silent keepjumps call setline(a:first, l:out[: l:n - 1])
    endif
    if len(l:out) > l:n
      silent keepjumps call append(a:first + l:n - 1, l:out[l:n :])
    elseif len(l:lines) > l:n
      silent keepjumps execute (a:first + l:n) . ',' . a:last . 'delete _'
    endif
  endif
  call winrestview(l:view)
  return 1
endfunction

" 'formatexpr' for gq: the lines of the motion. While typing, Vim formats comments itself.
function! jny#FormatExpr() abort
  if mode() =~# '[iR]'
    return 1
  endif
  call jny#Format(v:lnum, v:lnum + v:count - 1)
  return 0
endfunction

" The errors of `jny fmt -` name <stdin>: read them with the compiler's errorformat, then point
" them at this buffer, `offset` lines down.
function! s:ListErrors(out, offset) abort
  let l:efm = &g:errorformat
  let &g:errorformat = &l:errorformat
  cgetexpr a:out
  let &g:errorformat = l:efm
  let l:buf = bufnr('%')
  let l:qf = filter(getqflist(), 'v:val.valid')
  call setqflist(map(l:qf, 'extend(v:val, {"bufnr": l:buf, "lnum": v:val.lnum + a:offset})'), 'r')
endfunction
