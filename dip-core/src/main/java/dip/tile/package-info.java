/**
 * Photos of any size (issue #14): the input is cut into overlapping tiles ({@link dip.tile.TilePlan}), each tile is
 * restored on its own by any per-tile function with its own seed ({@link dip.tile.TileSeeds}), and the outputs are
 * blended with raised-cosine ramps across the overlaps ({@link dip.tile.TileWeights}, {@link dip.tile.TileBlender})
 * so no seam shows. For super-resolution the tiles are cut in the low-resolution input and blended at the output
 * scale; for inpainting the mask is tiled with the image ({@link dip.tile.TileSource}). Finished tiles are kept
 * losslessly in a store beside the output ({@link dip.tile.TileStore}) so that a stopped run resumes without redoing
 * them and ends bit for bit as an uninterrupted one ({@link dip.tile.TiledRestoration}). Against a reference, the
 * quality in bands around the seams is compared with the rest ({@link dip.tile.SeamBands}).
 *
 * <p>Nothing here touches libtorch: memory is the full-size input and output buffers plus whatever one tile's
 * restoration needs.
 */
package dip.tile;
