/*
 * Results at the edges of the FPU's exact path (conformance-tests, group fpuExactPathEdges):
 * products in the smallest normal binade under RZ with FS clear and set, CVT.S.D just below 2^-126,
 * sums of zeros under RM and RZ, CVT of integer 0 under RM, products far below the smallest
 * denormal, infinities between formats, CVT.D.W after an inexact ADD.S, and, built with -mfp64 -DFP64 (which QEMU runs with
 * FR = 1), the 64-bit conversions of 2^62 and of the largest double below 2^63. One line per
 * instruction vector: its id, the result, FCSR. Run and compare: README.md in this directory.
 */
#include <stdio.h>
#include <string.h>
#include <stdint.h>
static unsigned fcsr(void){unsigned v; __asm__ volatile("cfc1 %0,$31":"=r"(v)); return v;}
static void set(unsigned v){__asm__ volatile("ctc1 %0,$31"::"r"(v));}
static float fs(uint32_t b){float f; memcpy(&f,&b,4); return f;}
static double fd(uint64_t b){double d; memcpy(&d,&b,8); return d;}
static uint32_t bs(float f){uint32_t b; memcpy(&b,&f,4); return b;}
static uint64_t bd(double d){uint64_t b; memcpy(&b,&d,8); return b;}
#define S1(name, insn, c, a, b) { float r, x=fs(a), y=fs(b); set(c); __asm__ volatile(insn " %0,%1,%2":"=f"(r):"f"(x),"f"(y)); unsigned f=fcsr(); set(0); printf("%s %08x %08x\n", name, bs(r), f); }
#define D1(name, insn, c, a, b) { double r, x=fd(a), y=fd(b); set(c); __asm__ volatile(insn " %0,%1,%2":"=f"(r):"f"(x),"f"(y)); unsigned f=fcsr(); set(0); printf("%s %016llx %08x\n", name, (unsigned long long)bd(r), f); }
int main(void){
  S1("mul.s.rz.smallest-binade","mul.s",1,0x3f800001,0x00c00000);
  S1("mul.s.rz.fs.smallest-binade","mul.s",0x01000001,0x3f800001,0x00c00000);
  D1("mul.d.rz.smallest-binade","mul.d",1,0x3ff0000000000001ULL,0x0018000000000000ULL);
  D1("mul.d.rz.fs.smallest-binade","mul.d",0x01000001,0x3ff0000000000001ULL,0x0018000000000000ULL);
  uint64_t below=(896ULL<<52)|((1ULL<<52)-(1ULL<<28)+(1ULL<<23));
  { float r; double x=fd(below); set(0); __asm__ volatile("cvt.s.d %0,%1":"=f"(r):"f"(x)); unsigned f=fcsr(); set(0); printf("cvt.s.d.rounds-up-to-smallest-normal %08x %08x\n", bs(r), f); }
  { float r; double x=fd(below); set(1); __asm__ volatile("cvt.s.d %0,%1":"=f"(r):"f"(x)); unsigned f=fcsr(); set(0); printf("cvt.s.d.rz.stays-tiny %08x %08x\n", bs(r), f); }
  S1("add.s.rm.zero-sum","add.s",3,0,0x80000000);
  D1("add.d.rm.zero-sum","add.d",3,0,0x8000000000000000ULL);
  S1("add.s.rz.negative-zeros","add.s",1,0x80000000,0x80000000);
  D1("add.d.rz.negative-zeros","add.d",1,0x8000000000000000ULL,0x8000000000000000ULL);
  { float r; float x=fs(0); set(3); __asm__ volatile("cvt.s.w %0,%1":"=f"(r):"f"(x)); unsigned f=fcsr(); set(0); printf("cvt.s.w.rm.zero %08x %08x\n", bs(r), f); }
  { double r; float x=fs(0); set(3); __asm__ volatile("cvt.d.w %0,%1":"=f"(r):"f"(x)); unsigned f=fcsr(); set(0); printf("cvt.d.w.rm.zero %016llx %08x\n", (unsigned long long)bd(r), f); }
  S1("mul.s.far-below-denormal","mul.s",0,0x00000001,0x2b000000);
  D1("mul.d.far-below-denormal","mul.d",0,0x0000000000000001ULL,0x3f30000000000000ULL);
  { float r; double x=fd(0x7ff0000000000000ULL); set(0); __asm__ volatile("cvt.s.d %0,%1":"=f"(r):"f"(x)); unsigned f=fcsr(); set(0); printf("cvt.s.d.plus-infinity %08x %08x\n", bs(r), f); }
  { float r; double x=fd(0xfff0000000000000ULL); set(3); __asm__ volatile("cvt.s.d %0,%1":"=f"(r):"f"(x)); unsigned f=fcsr(); set(0); printf("cvt.s.d.rm.minus-infinity %08x %08x\n", bs(r), f); }
  { double r; float x=fs(0xff800000); set(0); __asm__ volatile("cvt.d.s %0,%1":"=f"(r):"f"(x)); unsigned f=fcsr(); set(0); printf("cvt.d.s.minus-infinity %016llx %08x\n", (unsigned long long)bd(r), f); }
  { float s, x=fs(0x3f800000), y=fs(0x33800000), w=fs(3); double r; set(0);
    __asm__ volatile("add.s %0,%2,%3\n\tcvt.d.w %1,%4":"=&f"(s),"=f"(r):"f"(x),"f"(y),"f"(w));
    unsigned f=fcsr(); set(0); printf("cvt.d.w.after-inexact %016llx %08x\n", (unsigned long long)bd(r), f); }
#ifdef FP64
  { double r; double x=fd(0x43d0000000000000ULL); set(0); __asm__ volatile("cvt.l.d %0,%1":"=f"(r):"f"(x)); unsigned f=fcsr(); printf("cvt.l.d.two-to-62 %016llx %08x\n", (unsigned long long)bd(r), f); }
  { double r; double x=fd(0x43dfffffffffffffULL); set(0); __asm__ volatile("trunc.l.d %0,%1":"=f"(r):"f"(x)); unsigned f=fcsr(); printf("trunc.l.d.below-two-to-63 %016llx %08x\n", (unsigned long long)bd(r), f); }
  { double r; float x=fs(0x5e800000); set(0); __asm__ volatile("cvt.l.s %0,%1":"=f"(r):"f"(x)); unsigned f=fcsr(); printf("cvt.l.s.two-to-62 %016llx %08x\n", (unsigned long long)bd(r), f); }
#endif
  return 0;
}
