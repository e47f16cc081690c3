# Instructions of the MIPS32 Release 2 base architecture that a static glibc executable does not
# contain (privileged, debug, cache and TLB maintenance, rare FPU forms), plus encodings objdump
# prints in unusual ways. DisassemblerObjdumpTest assembles this with
#   mips-linux-gnu-as -march=mips32r2
# and compares the disassembler with objdump on every word. Labels are local so that no word
# needs a relocation. Never executed.

	.module	fp=64		# paired-single and the high-half moves need a 64-bit FPU
	.set	noreorder	# the words stay exactly as written: no delay-slot filling
	.set	noat		# $at is used as an ordinary register below
	.text
	.globl	rare
rare:
# ---- ALU, shifts and their objdump aliases
	add	$2, $3, $4
	addu	$2, $3, $0	# move
	or	$2, $3, $0	# move
	addu	$2, $0, $3	# not move: zero is the first source
	sub	$2, $0, $3	# neg
	subu	$2, $0, $3	# negu
	nor	$2, $3, $0	# objdump has no "not" alias
	and	$2, $3, $4
	xor	$2, $3, $4
	slt	$2, $3, $4
	sltu	$2, $3, $4
	addi	$2, $3, -32768
	addiu	$2, $0, 32767	# li, decimal
	ori	$2, $0, 0xffff	# li, hex
	ori	$2, $3, 0x8000
	andi	$2, $3, 0
	xori	$2, $3, 0xffff
	lui	$2, 0x8000
	slti	$2, $3, -1
	sltiu	$2, $3, 1
	sll	$2, $3, 31
	srl	$2, $3, 1
	sra	$2, $3, 16
	rotr	$2, $3, 7
	sllv	$2, $3, $4
	srlv	$2, $3, $4
	srav	$2, $3, $4
	rotrv	$2, $3, $4
	ssnop
	ehb
	pause
	nop
	movn	$2, $3, $4
	movz	$2, $3, $4
	movf	$2, $3, $fcc0
	movt	$2, $3, $fcc7
	clz	$2, $3
	clo	$31, $30
	seb	$2, $3
	seh	$2, $3
	wsbh	$2, $3
	ext	$2, $3, 0, 32
	ext	$2, $3, 31, 1
	ins	$2, $3, 0, 32
	ins	$2, $3, 8, 4
	rdhwr	$3, $0
	rdhwr	$3, $1
	rdhwr	$3, $2
	rdhwr	$3, $3
	rdhwr	$3, $29
# ---- multiply and divide
	mult	$2, $3
	multu	$2, $3
	div	$0, $2, $3
	divu	$0, $2, $3
	madd	$2, $3
	maddu	$2, $3
	msub	$2, $3
	msubu	$2, $3
	mul	$2, $3, $4
	mfhi	$2
	mflo	$2
	mthi	$2
	mtlo	$2
# ---- branches and jumps, all forms
1:	beq	$2, $3, 1b
	beq	$0, $0, 1b	# b
	beq	$2, $0, 1f	# beqz
	bne	$2, $3, 1f
	bne	$2, $0, 1f	# bnez
	beql	$2, $3, 1f
	beql	$2, $0, 1f	# beqzl
	beql	$0, $0, 1f	# beqzl zero: no "b" alias for the likely form
	bnel	$2, $3, 1f
	bnel	$2, $0, 1f	# bnezl
	blez	$2, 1f
	bgtz	$2, 1f
	blezl	$2, 1f
	bgtzl	$2, 1f
	bltz	$2, 1f
	bgez	$2, 1f
	bgez	$0, 1f		# b
	bltzl	$2, 1f
	bgezl	$2, 1f
	bltzal	$2, 1f
	bltzal	$0, 1f
	bgezal	$2, 1f
	bgezal	$0, 1f		# bal
	bltzall	$2, 1f
	bgezall	$2, 1f
1:	j	1b
	jal	1b
	jr	$31
	jr.hb	$31
	jalr	$25
	jalr	$2, $25
	jalr.hb	$25
	jalr.hb	$2, $25
# ---- loads and stores
	lb	$2, -1($3)
	lbu	$2, 1($3)
	lh	$2, -2($3)
	lhu	$2, 2($3)
	lw	$2, 32767($3)
	lwl	$2, -32768($3)
	lwr	$2, 3($3)
	sb	$2, 0($3)
	sh	$2, 2($3)
	sw	$2, 4($3)
	swl	$2, 5($3)
	swr	$2, 8($3)
	ll	$2, 0($3)
	sc	$2, 0($3)
	lwc1	$f2, 4($3)
	swc1	$f3, 4($3)
	ldc1	$f4, 8($3)
	sdc1	$f6, 8($3)
	lwc2	$4, 4($3)
	swc2	$4, 4($3)
	ldc2	$4, 8($3)
	sdc2	$4, 8($3)
	pref	0, 0($3)
	pref	30, -4($3)
	cache	0x14, 0($4)
	cache	0x1f, -8($4)
	synci	16($4)
	sync
	sync	1
	sync	4		# sync_wmb
	sync	16		# sync_mb
	sync	17		# sync_acquire
	sync	18		# sync_release
	sync	19		# sync_rmb
# ---- exceptions, traps, debug
	syscall
	syscall	0x12345
	break
	break	7
	break	7, 3
	sdbbp
	sdbbp	0x7ff
	teq	$2, $3
	teq	$2, $3, 0x3ff
	tne	$2, $3, 7
	tge	$2, $3
	tgeu	$2, $3
	tlt	$2, $3
	tltu	$2, $3, 1
	teqi	$2, -1
	tnei	$2, 0
	tgei	$2, 1
	tgeiu	$2, -32768
	tlti	$2, 32767
	tltiu	$2, 5
# ---- privileged: CP0, TLB, interrupts, shadow registers
	mfc0	$8, $12
	mtc0	$8, $12
	mfc0	$8, $12, 1	# IntCtl
	mtc0	$8, $16, 3	# Config3
	mtc0	$8, $15, 1	# EBase
	mfc0	$8, $18, 2	# WatchLo bank: named with the select
	mfc0	$8, $21		# no name
	mtc0	$8, $9, 6	# no name: $reg,sel
	mfc0	$8, $14
	mfc0	$8, $30
	mfc0	$8, $31
	tlbr
	tlbwi
	tlbwr
	tlbp
	eret
	deret
	wait
	wait	0x1234
	di
	di	$8
	ei
	ei	$8
	rdpgpr	$2, $3
	wrpgpr	$2, $3
# ---- coprocessor 2 interface
	mfc2	$2, $3
	mtc2	$2, $3
	mfc2	$2, $3, 5
	cfc2	$2, $3
	ctc2	$2, $3
	mfhc2	$2, $3
	mthc2	$2, $3
	bc2f	1f
	bc2t	1f
	bc2fl	$cc3, 1f
	bc2tl	$cc7, 1f
	c2	0x123
# ---- FPU moves and control
1:	mfc1	$2, $f1
	mtc1	$2, $f1
	mfhc1	$2, $f2
	mthc1	$2, $f2
	cfc1	$2, $0
	cfc1	$2, $25
	cfc1	$2, $26
	cfc1	$2, $28
	ctc1	$2, $31
	ctc1	$2, $5		# no name
	bc1f	1b
	bc1t	1b
	bc1fl	1b
	bc1tl	1b
	bc1f	$fcc1, 1b
	bc1t	$fcc7, 1b
	bc1tl	$fcc2, 1b
	bc1fl	$fcc3, 1b
# ---- FPU arithmetic in every format
	add.s	$f0, $f2, $f4
	add.d	$f0, $f2, $f4
	add.ps	$f0, $f2, $f4
	sub.s	$f0, $f2, $f4
	sub.ps	$f0, $f2, $f4
	mul.d	$f0, $f2, $f4
	mul.ps	$f0, $f2, $f4
	div.s	$f0, $f2, $f4
	div.d	$f0, $f2, $f4
	sqrt.s	$f0, $f2
	abs.s	$f0, $f2
	abs.d	$f0, $f2
	abs.ps	$f0, $f2
	neg.s	$f0, $f2
	neg.d	$f0, $f2
	neg.ps	$f0, $f2
	mov.s	$f0, $f2
	mov.ps	$f0, $f2
	recip.s	$f0, $f2
	recip.d	$f0, $f2
	rsqrt.s	$f0, $f2
	rsqrt.d	$f0, $f2
	round.w.s	$f0, $f2
	round.w.d	$f0, $f2
	trunc.w.s	$f0, $f2
	ceil.w.s	$f0, $f2
	ceil.w.d	$f0, $f2
	floor.w.s	$f0, $f2
	floor.w.d	$f0, $f2
	round.l.s	$f0, $f2
	round.l.d	$f0, $f2
	trunc.l.s	$f0, $f2
	trunc.l.d	$f0, $f2
	ceil.l.s	$f0, $f2
	ceil.l.d	$f0, $f2
	floor.l.s	$f0, $f2
	floor.l.d	$f0, $f2
	cvt.s.d	$f0, $f2
	cvt.s.w	$f0, $f2
	cvt.s.l	$f0, $f2
	cvt.d.s	$f0, $f2
	cvt.d.w	$f0, $f2
	cvt.d.l	$f0, $f2
	cvt.w.s	$f0, $f2
	cvt.w.d	$f0, $f2
	cvt.l.s	$f0, $f2
	cvt.l.d	$f0, $f2
	cvt.ps.s	$f0, $f2, $f4
	cvt.s.pl	$f0, $f2
	cvt.s.pu	$f0, $f2
	pll.ps	$f0, $f2, $f4
	plu.ps	$f0, $f2, $f4
	pul.ps	$f0, $f2, $f4
	puu.ps	$f0, $f2, $f4
	movf.s	$f0, $f2, $fcc0
	movt.s	$f0, $f2, $fcc1
	movf.d	$f0, $f2, $fcc6
	movt.d	$f0, $f2, $fcc7
	movt.ps	$f0, $f2, $fcc2
	movz.s	$f0, $f2, $3
	movz.d	$f0, $f2, $3
	movn.s	$f0, $f2, $3
	movn.d	$f0, $f2, $3
	movn.ps	$f0, $f2, $3
# ---- all 16 compare conditions, with and without a condition code
	c.f.s	$f0, $f2
	c.un.s	$fcc1, $f0, $f2
	c.eq.s	$f0, $f2
	c.ueq.d	$fcc2, $f0, $f2
	c.olt.s	$f0, $f2
	c.ult.d	$fcc3, $f0, $f2
	c.ole.s	$f0, $f2
	c.ule.d	$fcc4, $f0, $f2
	c.sf.s	$f0, $f2
	c.ngle.d	$fcc5, $f0, $f2
	c.seq.s	$f0, $f2
	c.ngl.d	$fcc6, $f0, $f2
	c.lt.s	$f0, $f2
	c.nge.d	$fcc7, $f0, $f2
	c.le.ps	$f0, $f2
	c.ngt.ps	$fcc6, $f0, $f2
# ---- COP1X
	lwxc1	$f0, $2($3)
	ldxc1	$f0, $2($3)
	luxc1	$f0, $2($3)
	swxc1	$f0, $2($3)
	sdxc1	$f0, $2($3)
	suxc1	$f0, $2($3)
	prefx	4, $2($3)
	madd.s	$f0, $f2, $f4, $f6
	madd.d	$f0, $f2, $f4, $f6
	madd.ps	$f0, $f2, $f4, $f6
	msub.s	$f0, $f2, $f4, $f6
	msub.d	$f0, $f2, $f4, $f6
	nmadd.d	$f0, $f2, $f4, $f6
	nmadd.ps	$f0, $f2, $f4, $f6
	nmsub.s	$f0, $f2, $f4, $f6
	nmsub.d	$f0, $f2, $f4, $f6
	alnv.ps	$f0, $f2, $f4, $3
# ---- words objdump prints in unusual ways (raw: the assembler would not emit them)
	.word	0xffffffff	# .word: unused SPECIAL3 function
	.word	0x0000000e	# .word: unused SPECIAL function
	.word	0x00000048	# .word: jr with a hint other than .hb
	.word	0x00221061	# .word: addu with a non-zero shift field
	.word	0x72a44021	# clz/clo with rd != rt: "rd or rt"
	.word	0x705e0020	# clz with rd = 0: rt is printed
	.word	0x42000007	# c0: unused CO function
	.word	0x46400000	# c1: unused FPU format
	.word	0x46000020	# c1: cvt.s.s does not exist
	.word	0x4a1fffff	# c2
	.word	0x48601234	# mfhc2 with an implementation-defined 16-bit operand
	.word	0x74000400	# jalx: objdump decodes it for MIPS32
	.word	0x71032011	# udi1: SPECIAL2 user-defined block
	.word	0x00000140	# pause (sll zero,zero,5)
	.word	0x0000004f	# sync 0x1
	.word	0x48400004	# .word: cfc2 with a select
