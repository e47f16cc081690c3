/*
 * CVT, ADD, MUL, DIV, SQRT and C.LT of quiet and signaling NaNs with the sign bit set, in both
 * formats: the result and FCSR of each, one line per instruction, named as its instruction vector
 * (conformance-tests, group fpuNegativeNaNs), for a user-mode check with QEMU as the oracle.
 * Run and compare: README.md in this directory.
 */
#include <stdio.h>
#include <string.h>
#include <stdint.h>
static unsigned fcsr(void){unsigned v; __asm__ volatile("cfc1 %0,$31":"=r"(v)); return v;}
static void clr(void){__asm__ volatile("ctc1 $0,$31");}
static float fs(uint32_t b){float f; memcpy(&f,&b,4); return f;}
static double fd(uint64_t b){double d; memcpy(&d,&b,8); return d;}
static uint32_t bs(float f){uint32_t b; memcpy(&b,&f,4); return b;}
static uint64_t bd(double d){uint64_t b; memcpy(&b,&d,8); return b;}
int main(void){
  uint32_t sn[2]={0xffbfffff,0xffc00000}; uint64_t dn[2]={0xfff7ffffffffffffULL,0xfff8000000000000ULL};
  const char*k[2]={"qnan","snan"};
  for(int i=0;i<2;i++){
    float a=fs(sn[i]), one=1.0f, r; double rd; int w; unsigned f;
    clr(); __asm__ volatile("add.s %0,%1,%2":"=f"(r):"f"(a),"f"(one)); f=fcsr(); printf("add.s.negative-%s %08x %08x\n",k[i],bs(r),f);
    clr(); __asm__ volatile("mul.s %0,%1,%2":"=f"(r):"f"(a),"f"(one)); f=fcsr(); printf("mul.s.negative-%s %08x %08x\n",k[i],bs(r),f);
    clr(); __asm__ volatile("div.s %0,%1,%2":"=f"(r):"f"(a),"f"(one)); f=fcsr(); printf("div.s.negative-%s %08x %08x\n",k[i],bs(r),f);
    clr(); __asm__ volatile("sqrt.s %0,%1":"=f"(r):"f"(a)); f=fcsr(); printf("sqrt.s.negative-%s %08x %08x\n",k[i],bs(r),f);
    clr(); __asm__ volatile("cvt.w.s %0,%1":"=f"(r):"f"(a)); f=fcsr(); printf("cvt.w.s.negative-%s %08x %08x\n",k[i],bs(r),f);
    clr(); __asm__ volatile("c.lt.s %0,%1"::"f"(a),"f"(one)); f=fcsr(); printf("c.lt.s.negative-%s %08x\n",k[i],f);
    clr(); __asm__ volatile("cvt.d.s %0,%1":"=f"(rd):"f"(a)); f=fcsr(); printf("cvt.d.s.negative-%s %016llx %08x\n",k[i],(unsigned long long)bd(rd),f);
  }
  for(int i=0;i<2;i++){
    double a=fd(dn[i]), one=1.0, r; float rs; unsigned f;
    clr(); __asm__ volatile("add.d %0,%1,%2":"=f"(r):"f"(a),"f"(one)); f=fcsr(); printf("add.d.negative-%s %016llx %08x\n",k[i],(unsigned long long)bd(r),f);
    clr(); __asm__ volatile("mul.d %0,%1,%2":"=f"(r):"f"(a),"f"(one)); f=fcsr(); printf("mul.d.negative-%s %016llx %08x\n",k[i],(unsigned long long)bd(r),f);
    clr(); __asm__ volatile("div.d %0,%1,%2":"=f"(r):"f"(a),"f"(one)); f=fcsr(); printf("div.d.negative-%s %016llx %08x\n",k[i],(unsigned long long)bd(r),f);
    clr(); __asm__ volatile("sqrt.d %0,%1":"=f"(r):"f"(a)); f=fcsr(); printf("sqrt.d.negative-%s %016llx %08x\n",k[i],(unsigned long long)bd(r),f);
    clr(); __asm__ volatile("cvt.w.d %0,%1":"=f"(rs):"f"(a)); f=fcsr(); printf("cvt.w.d.negative-%s %08x %08x\n",k[i],bs(rs),f);
    clr(); __asm__ volatile("c.lt.d %0,%1"::"f"(a),"f"(one)); f=fcsr(); printf("c.lt.d.negative-%s %08x\n",k[i],f);
    clr(); __asm__ volatile("cvt.s.d %0,%1":"=f"(rs):"f"(a)); f=fcsr(); printf("cvt.s.d.negative-%s %08x %08x\n",k[i],bs(rs),f);
  }
  return 0;
}
