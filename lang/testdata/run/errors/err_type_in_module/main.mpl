# checks: errors in a non-entry module are reported in that module's file; types from other modules print qualified, §14
import Geometry

fn main() do
  println("#{Geometry.scale(2)}")
end
