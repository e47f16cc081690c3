# The kernel's part of guests/unix/Makefile (included by it): kernel/, hal/ and fs/ built into
# $(OUT)/unix-bare.elf (big-endian) and $(OUT)/unix-bare-el.elf (little-endian), objects under
# $(OBJ)/kernel-eb and $(OBJ)/kernel-el; and the same sources built for the Disco monitor
# (-DHAL_DISCO, hal/disco.c instead of hal/bare.c, linked by kernel/kernel-disco.ld) into
# $(OUT)/unix-disco.elf and $(OUT)/unix-disco-el.elf, objects under $(OBJ)/kernel-disco-eb and
# $(OBJ)/kernel-disco-el. Uses $(OUT), $(OBJ), $(CROSS_EB), $(CROSS_EL), and the Makefile's
# TEST_CFLAGS and LIBS for the benchmark's program; sets KERNEL_IMAGES and KERNEL_CHECK.
#
# The kernel's tests also build a kernel whose root is an in-memory file system filled from an
# archive (kernel/mkramfs.py) instead of ext2 on disk 0:
#   make RAMFS=ARCHIVE RAMFS_ENDIAN=eb|el OUT=DIR DIR/unix-ramfs-eb.elf (or -el; -disco-eb and
#   -disco-el for the monitor's build)
#
# Reproducible as the bare-metal images are: no debug info, no build id, relative source names.

KERNEL_IMAGES := $(OUT)/unix-bare.elf $(OUT)/unix-bare-el.elf $(OUT)/unix-disco.elf \
	$(OUT)/unix-disco-el.elf $(OUT)/unix-kbench.elf

KERNEL_CFLAGS := -march=mips32r2 -ffreestanding -nostdlib -fno-pic -mno-abicalls -G0 -O2 \
	-msoft-float -std=gnu11 -Wall -Wextra -Werror -fno-tree-loop-distribute-patterns \
	-fno-asynchronous-unwind-tables -fno-unwind-tables -fno-ident -fno-stack-protector \
	-ffile-prefix-map=$(CURDIR)=. -Iinclude -Ikernel
KERNEL_LDFLAGS := -nostdlib -static -Wl,--build-id=none \
	-Wl,-z,max-page-size=4096 -Wl,-z,common-page-size=4096 -Wl,-z,noexecstack \
	-Wl,--no-warn-rwx-segments

KERNEL_SRCS := kernel/entry.S kernel/klib.c kernel/vm.c kernel/proc.c kernel/trap.c \
	kernel/file.c kernel/syscall.c kernel/exec.c kernel/main.c
FS_SRCS := fs/bcache.c fs/ext2.c
KERNEL_HDRS := $(wildcard include/*.h kernel/*.h fs/*.h) ../include/disco_monitor.h

# $(1): the objects' directory suffix; $(2): the compiler; $(3): -EB or -EL; $(4): the disk kernel's
# image; $(5): the HAL; $(6): the linker script; $(7): the build's own compiler options
define KERNEL_BUILD
KOBJS_$(1) := $$(patsubst %,$(OBJ)/kernel-$(1)/%.o,$$(basename $(KERNEL_SRCS) $(5)))
FSOBJS_$(1) := $$(patsubst %,$(OBJ)/kernel-$(1)/%.o,$$(basename $(FS_SRCS)))

$(4): $$(KOBJS_$(1)) $$(FSOBJS_$(1)) $(6)
	@mkdir -p $$(@D)
	$(2)gcc $(3) $(KERNEL_CFLAGS) $(7) $(KERNEL_LDFLAGS) -Wl,-T,$(6) -o $$@ $$(KOBJS_$(1)) $$(FSOBJS_$(1)) -lgcc

$(OBJ)/kernel-$(1)/%.o: %.c $(KERNEL_HDRS) kernel/kernel.mk
	@mkdir -p $$(@D)
	$(2)gcc $(3) $(KERNEL_CFLAGS) $(7) -c -o $$@ $$<

$(OBJ)/kernel-$(1)/%.o: %.S ../include/disco_monitor.h kernel/kernel.mk
	@mkdir -p $$(@D)
	$(2)gcc $(3) $(KERNEL_CFLAGS) $(7) -c -o $$@ $$<
endef

# A kernel of build $(1) whose root is the archive $(2) (kernel/mkramfs.py), linked as $(3); the
# archive's object goes to the directory $(4). $(5): the compiler; $(6): -EB or -EL; $(7): the
# linker script; $(8): the build's own compiler options (as KERNEL_BUILD's).
define RAMFS_KERNEL
$(3): $$(KOBJS_$(1)) $(OBJ)/kernel-$(1)/kernel/ramfs.o $(4)/ramfs-image.o $(7)
	@mkdir -p $$(@D)
	$(5)gcc $(6) $(KERNEL_CFLAGS) $(8) $(KERNEL_LDFLAGS) -Wl,-T,$(7) -o $$@ $$(KOBJS_$(1)) $(OBJ)/kernel-$(1)/kernel/ramfs.o $(4)/ramfs-image.o -lgcc

$(4)/ramfs-image.o: $(2)
	@mkdir -p $$(@D)
	printf '\t.section .rodata\n\t.balign 4\n\t.globl ramfs_image, ramfs_image_end\nramfs_image:\n\t.incbin "%s"\nramfs_image_end:\n' "$(2)" > $$(@D)/ramfs-image.S
	$(5)gcc $(6) $(KERNEL_CFLAGS) $(8) -c -o $$@ $$(@D)/ramfs-image.S
endef

# The monitor's build: the same sources and options, HAL_DISCO set, the monitor's header found.
DISCO_CFLAGS := -DHAL_DISCO -I../include

# What `make check` also runs on the committed images: the monitor's images reach nothing in kseg0
# or kseg1 and read no trapping CP0 register in the exception handlers (tools/check-disco-image.py).
KERNEL_CHECK := python3 tools/check-disco-image.py --objdump $(CROSS_EB)objdump images/unix-disco.elf \
	images/unix-disco-el.elf

$(eval $(call KERNEL_BUILD,eb,$(CROSS_EB),-EB,$(OUT)/unix-bare.elf,hal/bare.c,kernel/kernel.ld))
$(eval $(call KERNEL_BUILD,el,$(CROSS_EL),-EL,$(OUT)/unix-bare-el.elf,hal/bare.c,kernel/kernel.ld))
$(eval $(call KERNEL_BUILD,disco-eb,$(CROSS_EB),-EB,$(OUT)/unix-disco.elf,hal/disco.c,kernel/kernel-disco.ld,$(DISCO_CFLAGS)))
$(eval $(call KERNEL_BUILD,disco-el,$(CROSS_EL),-EL,$(OUT)/unix-disco-el.elf,hal/disco.c,kernel/kernel-disco.ld,$(DISCO_CFLAGS)))

# The tests' kernels: unix-ramfs-BUILD.elf with the root given as RAMFS=ARCHIVE.
$(eval $(call RAMFS_KERNEL,eb,$(RAMFS),$(OUT)/unix-ramfs-eb.elf,$(OBJ)/kernel-eb,$(CROSS_EB),-EB,kernel/kernel.ld))
$(eval $(call RAMFS_KERNEL,el,$(RAMFS),$(OUT)/unix-ramfs-el.elf,$(OBJ)/kernel-el,$(CROSS_EL),-EL,kernel/kernel.ld))
$(eval $(call RAMFS_KERNEL,disco-eb,$(RAMFS),$(OUT)/unix-ramfs-disco-eb.elf,$(OBJ)/kernel-disco-eb,$(CROSS_EB),-EB,kernel/kernel-disco.ld,$(DISCO_CFLAGS)))
$(eval $(call RAMFS_KERNEL,disco-el,$(RAMFS),$(OUT)/unix-ramfs-disco-el.elf,$(OBJ)/kernel-disco-el,$(CROSS_EL),-EL,kernel/kernel-disco.ld,$(DISCO_CFLAGS)))

# The benchmark's kernel, committed so that `disco bench --unix` needs no cross compiler: the bare
# big-endian kernel with an in-memory root holding only /sbin/kbench (kernel/tests/kbench.c,
# compiled as the differential tests compile, as UnixKernelTest's benchmark does) and /tmp, so its
# figures include no disk time.
$(OBJ)/kbench/kbench: kernel/tests/kbench.c kernel/kernel.mk
	@mkdir -p $(@D)
	$(CROSS_EB)gcc $(TEST_CFLAGS) -o $@ $< $(LIBS)

$(OBJ)/kbench/ramfs.img: $(OBJ)/kbench/kbench kernel/mkramfs.py
	python3 kernel/mkramfs.py $@ big sbin/kbench=$< tmp/

$(eval $(call RAMFS_KERNEL,eb,$(OBJ)/kbench/ramfs.img,$(OUT)/unix-kbench.elf,$(OBJ)/kbench,$(CROSS_EB),-EB,kernel/kernel.ld))
