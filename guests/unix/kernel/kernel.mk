# kernel.mk: how the kernel of guests/unix is built. Included by guests/unix/Makefile, or run alone:
#
#   make -f kernel/kernel.mk KOUT=DIR kernel        DIR/unix-bare.elf (big-endian; ext2 root on disk 0)
#   make -f kernel/kernel.mk KOUT=DIR ENDIAN=EL kernel   the little-endian one
#   make -f kernel/kernel.mk KOUT=DIR RAMFS=ARCHIVE ramfs-kernel
#                                                   DIR/unix-ramfs.elf: the root is an in-memory
#                                                   file system filled from ARCHIVE (mkramfs.py)
#
# Paths are relative to guests/unix (the directory make runs in). Reproducible as the bare-metal
# images are: no debug info, no build id, relative source names.

KCROSS ?= mips-linux-gnu-
KCC := $(KCROSS)gcc
ENDIAN ?= EB
KOUT ?= images
KOBJ ?= $(KOUT)/obj-kernel-$(ENDIAN)

KCFLAGS := -march=mips32r2 -$(ENDIAN) -ffreestanding -nostdlib -fno-pic -mno-abicalls -G0 -O2 \
	-msoft-float -std=gnu11 -Wall -Wextra -Werror -fno-tree-loop-distribute-patterns \
	-fno-asynchronous-unwind-tables -fno-unwind-tables -fno-ident -fno-stack-protector \
	-ffile-prefix-map=$(CURDIR)=. -Iinclude -Ikernel
KLDFLAGS := -nostdlib -static -Wl,-T,kernel/kernel.ld -Wl,--build-id=none -Wl,-z,max-page-size=4096 \
	-Wl,-z,common-page-size=4096 -Wl,-z,noexecstack -Wl,--no-warn-rwx-segments

KERNEL_SRCS := kernel/entry.S kernel/klib.c kernel/vm.c kernel/proc.c kernel/trap.c kernel/file.c \
	kernel/syscall.c kernel/exec.c kernel/main.c hal/bare.c
KERNEL_HDRS := include/hal.h include/fs.h kernel/kernel.h
KERNEL_OBJS := $(patsubst %,$(KOBJ)/%.o,$(basename $(KERNEL_SRCS)))
# The file system (fs/, built by its own fragment) supplies FS_OBJS for the disk kernel.
FS_OBJS ?=

ifeq ($(ENDIAN),EL)
KERNEL_NAME := unix-bare-el
else
KERNEL_NAME := unix-bare
endif

.PHONY: kernel ramfs-kernel
kernel: $(KOUT)/$(KERNEL_NAME).elf
ramfs-kernel: $(KOUT)/unix-ramfs-$(ENDIAN).elf

$(KOUT)/$(KERNEL_NAME).elf: $(KERNEL_OBJS) $(FS_OBJS) kernel/kernel.ld
	@mkdir -p $(dir $@)
	$(KCC) $(KCFLAGS) $(KLDFLAGS) -o $@ $(KERNEL_OBJS) $(FS_OBJS) -lgcc

$(KOUT)/unix-ramfs-$(ENDIAN).elf: $(KERNEL_OBJS) $(KOBJ)/kernel/ramfs.o $(KOBJ)/ramfs-image.o kernel/kernel.ld
	@mkdir -p $(dir $@)
	$(KCC) $(KCFLAGS) $(KLDFLAGS) -o $@ $(KERNEL_OBJS) $(KOBJ)/kernel/ramfs.o $(KOBJ)/ramfs-image.o -lgcc

$(KOBJ)/ramfs-image.o: $(RAMFS)
	@mkdir -p $(dir $@)
	printf '\t.section .rodata\n\t.balign 4\n\t.globl ramfs_image, ramfs_image_end\nramfs_image:\n\t.incbin "%s"\nramfs_image_end:\n' "$(RAMFS)" > $(KOBJ)/ramfs-image.S
	$(KCC) $(KCFLAGS) -c -o $@ $(KOBJ)/ramfs-image.S

$(KOBJ)/%.o: %.c $(KERNEL_HDRS)
	@mkdir -p $(dir $@)
	$(KCC) $(KCFLAGS) -c -o $@ $<

$(KOBJ)/%.o: %.S
	@mkdir -p $(dir $@)
	$(KCC) $(KCFLAGS) -c -o $@ $<
