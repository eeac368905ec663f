// Prints a bigWig's intervals as bedGraph (chrom, start, end, value) through
// IGV's own reader (org.broad.igv.bbfile, Debian's igv.jar), to check that
// IGV reads what gsattn writes. Used by bench/genome-scan.sh.
import org.broad.igv.bbfile.BBFileReader;
import org.broad.igv.bbfile.BigWigIterator;
import org.broad.igv.bbfile.WigItem;

public class ReadBigWig {
    public static void main(String[] args) throws Exception {
        BBFileReader reader = new BBFileReader(args[0]);
        if (!reader.isBigWigFile()) throw new IllegalStateException(args[0] + " is not a bigWig");
        StringBuilder out = new StringBuilder();
        for (String chrom : reader.getChromosomeNames()) {
            BigWigIterator items = reader.getBigWigIterator(chrom, 0, chrom, Integer.MAX_VALUE, false);
            while (items.hasNext()) {
                WigItem item = items.next();
                out.append(item.getChromosome()).append('\t').append(item.getStartBase()).append('\t')
                   .append(item.getEndBase()).append('\t').append(item.getWigValue()).append('\n');
            }
        }
        System.out.print(out);
    }
}
