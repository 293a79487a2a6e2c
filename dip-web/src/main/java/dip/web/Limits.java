package dip.web;

/**
 * What the server accepts and how often it reports.
 *
 * @param maxUploadBytes largest file of one upload (image, mask or reference)
 * @param maxPixels      largest image, in pixels (width × height), checked from the file's header before decoding
 * @param threads        CPU threads of a fit
 * @param previewMillis  least time between two previews (output and average redrawn in the page)
 */
record Limits(long maxUploadBytes, long maxPixels, int threads, int previewMillis) {
    Limits {
        if (maxUploadBytes < 1 || maxPixels < 4 || threads < 1 || previewMillis < 0) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }
}
