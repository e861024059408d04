-- An asset taken out of service: hidden from the target-asset picker, kept for its history.
ALTER TABLE "Asset" ADD COLUMN "retiredAt" TIMESTAMP(3);
