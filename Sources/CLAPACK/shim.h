// OpenBLAS's CBLAS and the reference LAPACKE interface.
//
// Debian/Ubuntu (libopenblas-dev, liblapacke-dev): `pkg-config openblas` adds
// -I/usr/include/<triple>/openblas-pthread, where OpenBLAS's own cblas.h lives;
// lapacke.h is in /usr/include. Debian's libopenblas carries LAPACK but not the
// LAPACKE C wrappers, so the module map links liblapacke as well.
// Homebrew's openblas ships both headers in its own include directory.
#include <cblas.h>
#include <lapacke.h>

// OpenBLAS ends the threads of its pthreads server with this (its fork handler calls it); declared here
// because cblas.h does not. The next multithreaded call would start them again.
int blas_thread_shutdown_(void);
